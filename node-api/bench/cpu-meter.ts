import {
  caProcessName,
  chaincodeProcessName,
  groupMembers,
  ordererProcessName,
  peerProcessName,
  runningPid,
  type NetworkContext,
} from '@scf/network';
import { readFileSync } from 'node:fs';
import { nodeProcessName } from '../src/cli/node-processes.ts';
import { cpuMsOf } from './proc-stat.ts';

/** One part of the system whose CPU a benchmark accounts: the process groups it is made of. */
export interface Component {
  name: string;
  /** The process group leaders (each started in its own group), looked up at every snapshot. */
  leaders: () => number[];
  /** Which members of those groups count here (a node API's group also holds its PostgreSQL). */
  counts?: (pid: number) => boolean;
}

/** CPU milliseconds used so far, by component name. */
export type CpuSnapshot = Map<string, number>;

/**
 * The network's components, found in its process table (the pid files `startProcess` writes), so a
 * restarted node is followed. Every process of a node's group counts: a chaincode server's supervisor
 * and its node child, a peer and what it spawns.
 */
export function networkComponents(ctx: NetworkContext): Component[] {
  const pidsOf = (names: string[]) => (): number[] =>
    names.map((name) => runningPid(ctx.paths, name)).filter((pid) => pid !== undefined);
  const { members, ordererOrg } = ctx.topology;
  return [
    { name: 'peers', leaders: pidsOf(members.map(peerProcessName)) },
    { name: 'orderers', leaders: pidsOf(ordererOrg.orderers.map(ordererProcessName)) },
    { name: 'chaincode', leaders: pidsOf(members.map(chaincodeProcessName)) },
    { name: 'CAs', leaders: pidsOf([...members, ordererOrg].map((org) => caProcessName(org.ca))) },
  ];
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${String(pid)}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Every member org's node API and, apart, the embedded PostgreSQL it runs in its process group. */
export function nodeApiComponents(ctx: NetworkContext): Component[] {
  const leaders = (): number[] =>
    ctx.topology.members
      .map((member) => runningPid(ctx.paths, nodeProcessName(member.name)))
      .filter((pid) => pid !== undefined);
  return [
    { name: 'node API', leaders, counts: (pid) => commandOf(pid) !== 'postgres' },
    { name: 'PostgreSQL', leaders, counts: (pid) => commandOf(pid) === 'postgres' },
  ];
}

/** The benchmark's own process: the load client. */
export const LOAD_CLIENT: Component = { name: 'load client', leaders: () => [] };

function componentMs(component: Component): number {
  if (component === LOAD_CLIENT) return cpuMsOf('self');
  let total = 0;
  for (const leader of component.leaders()) {
    const members = groupMembers(leader);
    for (const pid of members.length > 0 ? members : [leader]) {
      if (component.counts?.(pid) ?? true) total += cpuMsOf(pid);
    }
  }
  return total;
}

export function cpuSnapshot(components: readonly Component[]): CpuSnapshot {
  return new Map(components.map((component) => [component.name, componentMs(component)]));
}

/** CPU milliseconds each component used between two snapshots. */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): Map<string, number> {
  return new Map(
    [...after].map(([name, ms]) => [name, Math.max(0, ms - (before.get(name) ?? 0))] as [string, number]),
  );
}
