import { createHash } from 'node:crypto';

const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

/** The business date (China Standard Time, as the chaincode reckons it) `days` from now. */
export function cstDate(days: number): string {
  return new Date(Date.now() + CST_OFFSET_MS + days * DAY_MS).toISOString().slice(0, 10);
}

/** SHA-256 in hex: stands in for a document's digest. */
export function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
