/**
 * Interest worked by hand for tests, apart from the product's own pricing code: principal × annual
 * rate × days / 360 (actual/360), rounded half up to the fen. Shared by the node API's rule tests and
 * the portal's stories, which must agree with the same arithmetic.
 */

const BPS = 10_000n;

/** `numerator` / `denominator`, rounded half up (both positive). */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** `principal` × `rateBps` a year for `days`, actual/360, to the fen. */
export function interestOn(principal: bigint, rateBps: bigint, days: number): bigint {
  return divideHalfUp(principal * rateBps * BigInt(days), BPS * 360n);
}
