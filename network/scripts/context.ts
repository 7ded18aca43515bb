import type { FabricTools } from './fabric-tools.ts';
import type { LocalNodes, LocalShare } from './local-nodes.ts';
import type { StatePaths } from './paths.ts';
import type { Topology } from './topology.ts';

/** What every step of the orchestration needs: the plan, the state folder, the binaries, a logger. */
export interface NetworkContext {
  topology: Topology;
  /** The part of the topology this state folder runs (all of it in the one-box demo). */
  local: LocalNodes;
  /** Set when the folder runs a share of the consortium (`up --run`): saved by the first `up`. */
  share?: LocalShare | undefined;
  paths: StatePaths;
  tools: FabricTools;
  log: (message: string) => void;
  /**
   * Whether the chaincode servers also serve the test-only contract (`test:PutNote`, `test:EmitRaw`):
   * test and benchmark networks only, never a consortium started by `npm start`.
   */
  testContracts?: boolean;
}

/** Milliseconds a node may take from start to healthy before `up` gives up on it. */
export const START_TIMEOUT_MS = 60_000;
