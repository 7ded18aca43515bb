import { setTimeout as sleep } from 'node:timers/promises';
import type { Fault } from './faults.ts';

export interface RecoveryChecks {
  fault: Fault;
  /** `status` says every process is healthy. */
  healthy: () => Promise<boolean>;
  /** A write sent now is acknowledged. */
  writes: () => Promise<boolean>;
}

/**
 * Seconds from `since` (the kill) until the consortium is back: what the fault killed runs again, `status`
 * is all healthy, and then a write succeeds. Undefined if that takes longer than `boundMs`.
 */
export async function awaitRecovery(
  checks: RecoveryChecks,
  since: number,
  boundMs: number,
  pollMs = 500,
): Promise<number | undefined> {
  while (Date.now() - since <= boundMs) {
    if ((await checks.fault.recovered()) && (await checks.healthy()) && (await checks.writes())) {
      return (Date.now() - since) / 1000;
    }
    await sleep(pollMs);
  }
  return undefined;
}
