/**
 * Preloaded (`node --import`) into the process that writes the demo's history: shifts this process's
 * clock by SCF_CLOCK_SHIFT_DAYS. A Fabric transaction's time is the one its client put in the proposal
 * (the chaincode reads it from the stub), so invoices confirmed "120 days ago" mature in the past and the
 * overdue sweep has something to find. Only the demo seeder uses this; nothing else runs shifted.
 */
const initial = Number(process.env.SCF_CLOCK_SHIFT_DAYS ?? '0');
if (!Number.isInteger(initial)) throw new Error('SCF_CLOCK_SHIFT_DAYS must be a whole number of days');
const DAY_MS = 86_400_000;
let shiftMs = initial * DAY_MS;
const RealDate = Date;

class ShiftedDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(RealDate.now() + shiftMs);
    else super(...(args as [string | number | Date]));
  }

  static override now(): number {
    return RealDate.now() + shiftMs;
  }
}

globalThis.Date = ShiftedDate as DateConstructor;

/**
 * Moves this process's clock to `days` from the real today. The history seeder walks its timeline
 * with it, one business day after another; it moves the clock only while no ledger call is in flight
 * (a call's deadline is reckoned on the clock it started with).
 */
export function setClockShiftDays(days: number): void {
  if (!Number.isInteger(days)) throw new Error(`a clock shift must be a whole number of days, not ${days}`);
  shiftMs = days * DAY_MS;
}

/** The real time, whatever the shift. */
export function realNow(): number {
  return RealDate.now();
}
