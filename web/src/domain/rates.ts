/**
 * Rates are integer basis points everywhere (1 bp = 0.01%), as on the ledger; their bounds are the
 * ledger's INT_RANGES (@scf/ledger-contract).
 */

/** `345` → `3.45%`. */
export function formatBps(bps: number): string {
  const sign = bps < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(bps));
  return `${sign}${Math.floor(abs / 100).toString()}.${(abs % 100).toString().padStart(2, '0')}%`;
}
