import { createHash } from 'node:crypto';
import type { Context } from 'fabric-contract-api';
import { ContractError, ErrorCodes } from '@scf/ledger-contract';
import { businessDate } from '../lib/dates';

/**
 * Voucher numbers (凭证编号): what people read, say on the phone and type into a search, instead of a
 * voucher's 16-hex-digit id (ids stay what keys, URLs and the API use).
 *
 * Format `<issuer>-<YYYYMMDD>-<code>`, e.g. `H1K0-20261130-7K3Q9A`:
 * - issuer: the last four characters of the debtor's unified social credit code before its check digit
 *   (the tail of its organization code), so a debtor's vouchers look alike;
 * - the business date (CST) of the transaction that created the voucher;
 * - code: six Crockford base-32 characters (30 bits) of SHA-256(tx id, voucher id, attempt).
 *
 * Deterministic: every endorsing peer derives the same number from the transaction alone. There is no
 * counter key that every confirmation would read and write (which would let only one voucher be created
 * per block); two transactions touch the same key only if they derive the same number.
 *
 * Unique: the tx id and the voucher id together never repeat, but 30 bits of their hash may, so each
 * number is claimed by a key of its own (`idx.voucher.number`, number → voucher id). A number whose key
 * exists, or that an earlier piece of the same transaction took (Fabric shows no transaction its own
 * writes), is passed over for the next attempt's. Two concurrent transactions deriving the same free
 * number both read its key as absent and both write it: the one committed second fails Fabric's MVCC
 * check on that read, so the ledger never holds a number twice, and its client retries with a new tx id.
 */
export const VOUCHER_NUMBER_INDEX = 'idx.voucher.number';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 6;
const ISSUER_LENGTH = 4;
/** A second attempt is needed about once in 10^9 vouchers per day and issuer; a seventeenth never. */
const MAX_ATTEMPTS = 16;

/** The debtor's part of a number: see above. */
export function issuerTag(debtorId: string): string {
  const code = debtorId.toUpperCase();
  return code.length > ISSUER_LENGTH ? code.slice(-ISSUER_LENGTH - 1, -1) : code;
}

/** The code of one attempt: the first 30 bits of the digest, 5 bits per character. */
function codeOf(txId: string, voucherId: string, attempt: number): string {
  const digest = createHash('sha256')
    .update(`${txId}\u0000${voucherId}\u0000${String(attempt)}`)
    .digest();
  const bits = digest.readUInt32BE(0) >>> 2;
  let code = '';
  for (let index = CODE_LENGTH - 1; index >= 0; index -= 1) {
    code += CROCKFORD.charAt((bits >>> (index * 5)) & 31);
  }
  return code;
}

/** The number a voucher gets on its `attempt`th try (0 first). */
export function voucherNumberCandidate(
  parts: { debtorId: string; date: string; txId: string; voucherId: string },
  attempt: number,
): string {
  const date = parts.date.replaceAll('-', '');
  return `${issuerTag(parts.debtorId)}-${date}-${codeOf(parts.txId, parts.voucherId, attempt)}`;
}

function numberKey(ctx: Context, number: string): string {
  return ctx.stub.createCompositeKey(VOUCHER_NUMBER_INDEX, [number]);
}

/**
 * Free numbers for the vouchers this transaction creates, in the order of `voucherIds` (all of one
 * debtor). Call once per transaction with every new voucher, so that its pieces never share a number.
 */
export async function newVoucherNumbers(
  ctx: Context,
  debtorId: string,
  voucherIds: readonly string[],
): Promise<string[]> {
  const date = businessDate(ctx);
  const txId = ctx.stub.getTxID();
  const taken = new Set<string>();
  for (const voucherId of voucherIds) {
    taken.add(await freeNumber(ctx, { debtorId, date, txId, voucherId }, taken));
  }
  return [...taken];
}

async function freeNumber(
  ctx: Context,
  parts: { debtorId: string; date: string; txId: string; voucherId: string },
  taken: ReadonlySet<string>,
): Promise<string> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const number = voucherNumberCandidate(parts, attempt);
    if (taken.has(number)) continue;
    const owner = await ctx.stub.getState(numberKey(ctx, number));
    if (owner.length === 0) return number;
  }
  throw new ContractError(ErrorCodes.AlreadyExists, `no free voucher number for ${parts.voucherId}`);
}

/** Records that `number` is `voucherId`'s, so that no later voucher derives it. */
export async function claimVoucherNumber(ctx: Context, number: string, voucherId: string): Promise<void> {
  await ctx.stub.putState(numberKey(ctx, number), Buffer.from(voucherId));
}
