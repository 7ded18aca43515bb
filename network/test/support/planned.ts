import type { ConsortiumConfig } from '../../scripts/config.ts';
import { localNodes, type LocalNodes } from '../../scripts/local-nodes.ts';
import { planTopology, type Topology } from '../../scripts/topology.ts';

/** A config's topology and, as in the one-box demo, every node of it local: a test context's core. */
export function planned(config: ConsortiumConfig): { topology: Topology; local: LocalNodes } {
  const topology = planTopology(config);
  return { topology, local: localNodes(topology, undefined) };
}
