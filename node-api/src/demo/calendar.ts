const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Today's business day in China Standard Time, shifted by `days`, as YYYY-MM-DD (the ledger's calendar). */
export function cstDay(days = 0, now = Date.now()): string {
  return new Date(now + CST_OFFSET_MS + days * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day before a YYYY-MM-DD date. */
export function dayBefore(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

/** The effective date of the demo's LPR in force today: the 20th of the month 40 days back. */
export function currentLprEffective(): string {
  return `${cstDay(-40).slice(0, 8)}20`;
}
