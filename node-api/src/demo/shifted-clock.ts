/**
 * Preloaded (`node --import`) into the process that writes the demo's history: shifts this process's
 * clock by SCF_CLOCK_SHIFT_DAYS. A Fabric transaction's time is the one its client put in the proposal
 * (the chaincode reads it from the stub), so invoices confirmed "120 days ago" mature in the past and the
 * overdue sweep has something to find. Only the demo seeder uses this; nothing else runs shifted.
 */
const days = Number(process.env.SCF_CLOCK_SHIFT_DAYS ?? '0');
if (!Number.isInteger(days)) throw new Error('SCF_CLOCK_SHIFT_DAYS must be a whole number of days');
const shiftMs = days * 86_400_000;
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
