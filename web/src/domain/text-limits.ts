/** The node API's input bounds (node-api/src/schema/mutations/limits.ts); the ledger checks them again. */
export const TEXT_LIMITS = {
  id: 128,
  name: 200,
  number: 64,
  reason: 500,
  reference: 128,
  place: 200,
} as const;

/** A document's SHA-256 as the API names it: 64 lower-case hex digits. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** What the ledger accepts as an invoice or waybill number. */
export const DOCUMENT_NUMBER = /^[A-Za-z0-9\-_/]+$/;

/** Required text of at most `max` characters after trimming. */
export function isTextWithin(value: string, max: number): boolean {
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= max;
}
