// @ts-check
import { submitLoop } from './submit-loop.mjs';

/** The one-write baseline: `test:PutNote` of a fresh key per transaction. */
export function createWorkloadModule() {
  const run = Date.now().toString(36);
  return submitLoop((worker, sequence) => [
    `caliper-${run}-${String(worker)}-${String(sequence)}`,
    'one write',
  ]);
}
