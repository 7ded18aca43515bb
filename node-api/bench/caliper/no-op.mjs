// @ts-check
import { submitLoop } from './submit-loop.mjs';

/** The ceiling: `smoke:WhoAmI` submitted (no read or write set). */
export function createWorkloadModule() {
  return submitLoop(() => []);
}
