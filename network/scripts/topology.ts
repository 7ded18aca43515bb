import {
  ConfigError,
  isFounding,
  MEMBER_PORT_BLOCK,
  type ConsortiumConfig,
  type MemberConfig,
  type OrdererOrgConfig,
  type OrgConfig,
} from './config.ts';
import { clashingListeners, endpoint, type Listener } from './hosts.ts';

/**
 * Where a node is reached and where it binds. Others dial `host` (what it advertises: anchor peer,
 * orderer endpoint, TLS name); its processes bind `listenHost`, which may be a wildcard.
 */
export interface NodeAddress {
  host: string;
  listenHost: string;
}

/** Where each node of the consortium listens, derived from the config alone. */
export interface CaNode extends NodeAddress {
  org: string;
  name: string;
  port: number;
  opsPort: number;
}

export interface PeerNode extends NodeAddress {
  org: string;
  mspId: string;
  name: string;
  port: number;
  chaincodePort: number;
  opsPort: number;
  /** The org's chaincode-as-a-service server. */
  chaincodeServerPort: number;
  /**
   * Go's pprof server of the peer, listening only while a benchmark profiles peers (peer-profile.ts).
   * The first block's +9 is also the registry's (npm start), which benchmark networks do not run.
   */
  profilePort: number;
}

export interface OrdererNode extends NodeAddress {
  name: string;
  port: number;
  adminPort: number;
  opsPort: number;
}

export interface MemberPlan extends MemberConfig {
  ca: CaNode;
  peer: PeerNode;
  /** Ports kept for this org's node API, portal and database (later issues). */
  reserved: { nodeApi: number; portal: number; database: number };
}

export interface OrdererOrgPlan extends OrdererOrgConfig {
  ca: CaNode;
  orderers: OrdererNode[];
}

export interface Topology {
  config: ConsortiumConfig;
  members: MemberPlan[];
  ordererOrg: OrdererOrgPlan;
}

/** An org's node address: its own host, else the consortium's; its listen host, else the node's host. */
function addressOf(config: ConsortiumConfig, org: OrgConfig, host = org.host ?? config.host): NodeAddress {
  return { host, listenHost: org.listenHost ?? config.listenHost ?? host };
}

export function planTopology(config: ConsortiumConfig): Topology {
  const members = config.members.map((org, index): MemberPlan => {
    const base = config.basePort + index * MEMBER_PORT_BLOCK;
    const address = addressOf(config, org);
    return {
      ...org,
      ca: { org: org.name, name: `ca-${org.name}`, ...address, port: base, opsPort: base + 1 },
      peer: {
        org: org.name,
        mspId: org.mspId,
        name: `peer0.${org.name}`,
        ...address,
        port: base + 2,
        chaincodePort: base + 3,
        opsPort: base + 4,
        chaincodeServerPort: base + 5,
        profilePort: base + 9,
      },
      reserved: { nodeApi: base + 6, portal: base + 7, database: base + 8 },
    };
  });
  const base = config.basePort + config.members.length * MEMBER_PORT_BLOCK;
  const org = config.ordererOrg;
  const orderers = Array.from({ length: config.orderers }, (_, index): OrdererNode => {
    const port = base + 2 + index * 3;
    const address = addressOf(config, org, org.hosts?.[index] ?? org.host ?? config.host);
    return { name: `orderer${index}`, ...address, port, adminPort: port + 1, opsPort: port + 2 };
  });
  const ordererOrg: OrdererOrgPlan = {
    ...org,
    ca: { org: org.name, name: `ca-${org.name}`, ...addressOf(config, org), port: base, opsPort: base + 1 },
    orderers,
  };
  const topology = { config, members, ordererOrg };
  assertNoClash(allListeners(topology));
  return topology;
}

/** Two nodes may not bind the same port on the same address (or on a wildcard and any address). */
function assertNoClash(listeners: Listener[]): void {
  const clashes = clashingListeners(listeners);
  if (clashes.length > 0) {
    const pairs = clashes.map(
      ([a, b]) => `${a.node} (${endpoint(a.host, a.port)}) and ${b.node} (${endpoint(b.host, b.port)})`,
    );
    throw new ConfigError(`nodes would listen on the same address and port: ${pairs.join('; ')}`);
  }
}

export function findMember(topology: Topology, name: string): MemberPlan {
  const member = topology.members.find((org) => org.name === name);
  if (!member) {
    const known = topology.members.map((org) => org.name).join(', ');
    throw new Error(`unknown org "${name}" (members: ${known})`);
  }
  return member;
}

/** The member orgs in the channel from its genesis block; a joining org (`founding: false`) is not. */
export function foundingMembers(topology: Pick<Topology, 'members'>): MemberPlan[] {
  return topology.members.filter(isFounding);
}

/** Every address and port the topology binds, each on its node's listen host. */
export function allListeners(topology: Pick<Topology, 'members' | 'ordererOrg'>): Listener[] {
  const { members, ordererOrg } = topology;
  return localListeners(members, ordererOrg.orderers, [...members.map((org) => org.ca), ordererOrg.ca]);
}

/** The addresses and ports some nodes bind: member orgs' peers and chaincode servers, orderers, CAs. */
export function localListeners(members: MemberPlan[], orderers: OrdererNode[], cas: CaNode[]): Listener[] {
  const on = (node: string, host: string, ports: number[]): Listener[] =>
    ports.map((port) => ({ node, host, port }));
  const peers = members.flatMap(({ peer }) => [
    ...on(peer.name, peer.listenHost, [peer.port, peer.chaincodePort, peer.opsPort]),
    ...on(`chaincode-${peer.org}`, peer.listenHost, [peer.chaincodeServerPort]),
  ]);
  return [
    ...cas.flatMap((ca) => on(ca.name, ca.listenHost, [ca.port, ca.opsPort])),
    ...peers,
    ...orderers.flatMap((node) => on(node.name, node.listenHost, [node.port, node.adminPort, node.opsPort])),
  ];
}

/** Every port the topology listens on. */
export function allPorts(topology: Topology): number[] {
  return allListeners(topology).map((listener) => listener.port);
}

/** A member org or the orderer org, by name. */
export function findOrg(topology: Topology, name: string): MemberPlan | OrdererOrgPlan {
  if (name === topology.ordererOrg.name) return topology.ordererOrg;
  const member = topology.members.find((org) => org.name === name);
  if (!member) {
    const known = [...topology.members, topology.ordererOrg].map((org) => org.name).join(', ');
    throw new Error(`unknown org "${name}" (orgs: ${known})`);
  }
  return member;
}
