/**
 * Business days are `YYYY-MM-DD` strings in China Standard Time, compared as strings. Which strings
 * are business dates, the days between two and today's date are the ledger's rules
 * (`dateProblem`, `daysBetween`, `businessDateAt` in @scf/ledger-contract); here only the calendar
 * arithmetic the portal's views need.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function toUtcMs(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const [, year, month, day] = match;
  return Date.UTC(Number(year), Number(month) - 1, Number(day));
}

export function addDays(date: string, days: number): string {
  return new Date(toUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The first day of the month `months` before the month of `date`. */
export function monthsBefore(date: string, months: number): string {
  const at = new Date(toUtcMs(date));
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - months, 1)).toISOString().slice(0, 10);
}

/** A calendar widget's Date (local midnight) as YYYY-MM-DD. */
export function localIsoDate(date: Date): string {
  const year = date.getFullYear().toString();
  const month = (date.getMonth() + 1).toString().padStart(2, '0');
  const day = date.getDate().toString().padStart(2, '0');
  return `${year}-${month}-${day}`;
}
