import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ConfigError } from './config.ts';
import type { StatePaths } from './paths.ts';
import type { CaNode, MemberPlan, OrdererNode, Topology } from './topology.ts';

/**
 * What one state folder runs: the orgs whose CA and identities it holds (for a member, also its peer
 * and chaincode server), and the orderers it runs. Saved as `local.json` by the first `up --run …`;
 * without it the folder runs the whole consortium (the one-box demo).
 */
export interface LocalShare {
  orgs: string[];
  orderers: string[];
}

/** The plan's nodes that this state folder runs. */
export interface LocalNodes {
  /** True for the one-box demo: every org's nodes are here. */
  everything: boolean;
  /** Orgs whose CA runs here (and whose identities are enrolled here). */
  cas: CaNode[];
  /** Member orgs whose peer and chaincode server run here. */
  members: MemberPlan[];
  orderers: OrdererNode[];
  /** Whether the ordering org's CA and admin are here (it builds the genesis block). */
  ordererOrg: boolean;
}

export const RUN_RULE =
  'a comma-separated list of org names (a member: its CA, peer and chaincode server; the ordering org: its CA and admin) and orderer names (orderer0…)';

/** Parses `--run core` or `--run orderer,orderer0` against the plan. */
export function parseRun(topology: Topology, text: string): LocalShare {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  const orgs = [...topology.members.map((org) => org.name), topology.ordererOrg.name];
  const orderers = topology.ordererOrg.orderers.map((node) => node.name);
  const unknown = names.filter((name) => !orgs.includes(name) && !orderers.includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new ConfigError(
      `--run must be ${RUN_RULE}; unknown: ${unknown.join(', ') || '(empty)'} ` +
        `(orgs: ${orgs.join(', ')}; orderers: ${orderers.join(', ')})`,
    );
  }
  return {
    orgs: orgs.filter((name) => names.includes(name)),
    orderers: orderers.filter((name) => names.includes(name)),
  };
}

export function readLocalShare(paths: StatePaths): LocalShare | undefined {
  if (!existsSync(paths.localShare)) return undefined;
  const value = JSON.parse(readFileSync(paths.localShare, 'utf8')) as Partial<LocalShare>;
  if (!Array.isArray(value.orgs) || !Array.isArray(value.orderers)) {
    throw new ConfigError(`${paths.localShare}: expected {"orgs": [...], "orderers": [...]}`);
  }
  return { orgs: value.orgs, orderers: value.orderers };
}

export function writeLocalShare(paths: StatePaths, share: LocalShare): void {
  writeFileSync(paths.localShare, `${JSON.stringify(share, null, 2)}\n`);
}

/** The nodes of `share` (everything without one). */
export function localNodes(topology: Topology, share: LocalShare | undefined): LocalNodes {
  const { members, ordererOrg } = topology;
  if (!share) {
    return {
      everything: true,
      cas: [...members.map((org) => org.ca), ordererOrg.ca],
      members,
      orderers: ordererOrg.orderers,
      ordererOrg: true,
    };
  }
  const here = (name: string): boolean => share.orgs.includes(name);
  return {
    everything: false,
    cas: [...members, ordererOrg].filter((org) => here(org.name)).map((org) => org.ca),
    members: members.filter((org) => here(org.name)),
    orderers: ordererOrg.orderers.filter((node) => share.orderers.includes(node.name)),
    ordererOrg: here(ordererOrg.name),
  };
}

/** Describes a share for messages: "core", "orderer, orderer0". */
export function describeShare(share: LocalShare): string {
  return [...share.orgs, ...share.orderers].join(', ');
}
