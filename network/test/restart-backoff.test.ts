import { describe, expect, it } from 'vitest';
import { RESTART_BACKOFF, RestartBackoff } from '../scripts/restart-backoff.ts';

describe('restart backoff', () => {
  it('waits 1 s before the first restart, doubling with each one in a row up to 60 s', () => {
    const backoff = new RestartBackoff();
    const delays = Array.from({ length: 9 }, () => backoff.nextDelay());
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(RESTART_BACKOFF).toEqual({ firstMs: 1_000, maxMs: 60_000, resetAfterMs: 60_000 });
  });

  it('starts over at 1 s once the process stayed healthy for a minute', () => {
    const backoff = new RestartBackoff();
    backoff.nextDelay();
    backoff.nextDelay();
    backoff.healthy(0);
    backoff.healthy(59_999);
    expect(backoff.nextDelay()).toBe(4_000);
    backoff.healthy(100_000);
    backoff.healthy(160_000);
    expect(backoff.nextDelay()).toBe(1_000);
  });

  it('does not start over when the healthy minute was broken', () => {
    const backoff = new RestartBackoff();
    backoff.nextDelay();
    backoff.healthy(0);
    backoff.healthy(30_000);
    backoff.unhealthy();
    backoff.healthy(40_000);
    backoff.healthy(90_000);
    expect(backoff.nextDelay()).toBe(2_000);
  });
});
