/** What the portal calls a voucher: anything that carries its id and, on a newer ledger, its number. */
export interface NamedVoucher {
  id: string;
  number?: string | null;
}

/** Hex digits of the root's id kept when a voucher has no number: enough to tell vouchers apart at a glance. */
const ID_HEAD = 8;

/**
 * The name people read: the voucher number the ledger gave it (`H1K0-20261130-7K3Q9A`). A voucher
 * created before numbers existed is named by the head of its root's id and its piece path
 * (`3f9a0c1e….1.2`), so that pieces of one root still read apart; the full id stays in URLs.
 */
export function voucherName(voucher: NamedVoucher): string {
  if (voucher.number) return voucher.number;
  const dot = voucher.id.indexOf('.');
  const root = dot < 0 ? voucher.id : voucher.id.slice(0, dot);
  const path = dot < 0 ? '' : voucher.id.slice(dot);
  return root.length > ID_HEAD ? `${root.slice(0, ID_HEAD)}…${path}` : voucher.id;
}
