const CST_OFFSET_MS = 8 * 3_600_000;

/** Today's business date, YYYY-MM-DD in China Standard Time, as the chaincode reckons maturity. */
export function businessToday(now: number = Date.now()): string {
  return new Date(now + CST_OFFSET_MS).toISOString().slice(0, 10);
}
