const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Today's business day in China Standard Time, shifted by `days`, as YYYY-MM-DD (the ledger's calendar). */
export function cstDay(days = 0, now = Date.now()): string {
  return new Date(now + CST_OFFSET_MS + days * DAY_MS).toISOString().slice(0, 10);
}
