import type { IsoDate } from '@scf/ledger-contract';
import type { MemoryLedger } from './memory-stub';

/** The MemoryLedger's clock starts at 2026-01-05 10:00 in China: that is the business date. */
export const START_TIME = '2026-01-05T02:00:00.000Z';

/** 10:00 in China on a business date. */
export function morningOf(date: IsoDate): string {
  return `${date}T02:00:00.000Z`;
}

/** Moves the ledger's clock to 10:00 (China) on a business date. */
export function setBusinessDate(ledger: MemoryLedger, date: IsoDate): void {
  ledger.setTime(morningOf(date));
}
