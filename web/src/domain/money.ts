/**
 * Money in the portal is what it is on the ledger: an integer number of fen, carried as a decimal string
 * and computed with bigint. Nothing here ever goes through a float; people type and read yuan (how
 * amounts are shown to them: money-format.ts). The ledger's ceiling (MAX_FEN) and rounding
 * (divideHalfUp) come from @scf/ledger-contract.
 */
import { MAX_FEN } from '@scf/ledger-contract';

const FEN_PATTERN = /^(0|[1-9][0-9]*)$/;
/** Whole yuan, then at most two decimals (jiao, fen). */
const YUAN_PATTERN = /^(0|[1-9][0-9]*)(?:\.([0-9]{1,2}))?$/;

/** A fen amount as the API sends it (`"12345"`); throws on anything else, which would be an API bug. */
export function parseFen(value: string): bigint {
  if (!FEN_PATTERN.test(value)) throw new RangeError(`not a fen amount: ${JSON.stringify(value)}`);
  return BigInt(value);
}

/**
 * What a person typed in yuan (`1,234.5`, `¥ 800`, `0.01`) as fen, exactly; null unless it is a
 * non-negative amount of at most two decimals. No ceiling: see parseYuan.
 */
export function parseYuanExact(text: string): bigint | null {
  const plain = text
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .replaceAll(',', '');
  const match = YUAN_PATTERN.exec(plain);
  if (!match) return null;
  const [, whole = '0', decimals = ''] = match;
  return BigInt(whole) * 100n + BigInt(decimals.padEnd(2, '0'));
}

/** Like parseYuanExact, and null as well above the ledger's ceiling. */
export function parseYuan(text: string): bigint | null {
  const fen = parseYuanExact(text);
  return fen === null || fen > MAX_FEN ? null : fen;
}

function toBigInt(fen: bigint | string): bigint {
  return typeof fen === 'bigint' ? fen : parseFen(fen);
}

/** Fen as a plain yuan string for an input field: `123456` → `1234.56`. */
export function fenToYuanText(fen: bigint | string): string {
  const value = toBigInt(fen);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${(abs / 100n).toString()}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** The sum of API amounts, exactly. */
export function sumFen(values: readonly string[]): bigint {
  return values.reduce((sum, value) => sum + parseFen(value), 0n);
}
