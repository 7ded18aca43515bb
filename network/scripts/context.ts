import type { FabricTools } from './fabric-tools.ts';
import type { StatePaths } from './paths.ts';
import type { Topology } from './topology.ts';

/** What every step of the orchestration needs: the plan, the state folder, the binaries, a logger. */
export interface NetworkContext {
  topology: Topology;
  paths: StatePaths;
  tools: FabricTools;
  log: (message: string) => void;
}

/** Milliseconds a node may take from start to healthy before `up` gives up on it. */
export const START_TIMEOUT_MS = 60_000;
