/** Rates are integer basis points everywhere (1 bp = 0.01%), as on the ledger. */

/** `345` → `3.45%`. */
export function formatBps(bps: number): string {
  const sign = bps < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(bps));
  return `${sign}${Math.floor(abs / 100).toString()}.${(abs % 100).toString().padStart(2, '0')}%`;
}

/** The bounds the node API puts on an offer (OfferInput) and on a published rate. */
export const RATE_LIMITS = {
  advanceRateBps: { min: 1, max: 10_000 },
  spreadBps: { min: 0, max: 5_000 },
  rateBps: { min: 1, max: 10_000 },
} as const;

/** Whether a value is a whole number within [min, max]. */
export function isIntWithin(value: number | null | undefined, range: { min: number; max: number }): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max;
}
