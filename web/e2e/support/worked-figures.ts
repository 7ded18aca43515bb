import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { divideHalfUp, interestOn } from '../../../node-api/test/support/worked-interest.ts';

/**
 * The portal stories' figures worked by hand, apart from the product's own pricing code: interest is
 * principal × annual rate × days / 360, rounded half up to the fen. Days run to maturity from the
 * business day in Beijing, so a story that crosses Beijing's midnight (16:00 UTC) prices a term set
 * that morning on one day fewer; the figures follow the days the portal shows, which must be one of
 * the two.
 */

const BPS = 10_000n;

export { interestOn };

/** `face` × `advanceBps`, to the fen. */
export function advanceOf(face: bigint, advanceBps: bigint): bigint {
  return divideHalfUp(face * advanceBps, BPS);
}

/**
 * Checks `days`, priced by the ledger or a page on a term of `term` days set earlier in the test: `term`,
 * or one fewer when Beijing's midnight has passed since (a story takes minutes, never a day).
 */
export function termDays(days: number, term: number): number {
  expect([term, term - 1]).toContain(days);
  return days;
}

/** The days that `shown` (its last number: "年化 6.00%，90 天" is 90) prices a term of `term` days on. */
export async function daysShown(shown: Locator, term: number): Promise<number> {
  return termDays(Number(/(\d+)\D*$/.exec(await shown.innerText())?.[1]), term);
}

/** The days the bank's offer form prices on, for a voucher due `term` days after it was made. */
export function offerDays(page: Page, term: number): Promise<number> {
  return daysShown(page.getByTestId('offer-days'), term);
}
