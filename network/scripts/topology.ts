import { MEMBER_PORT_BLOCK, type ConsortiumConfig, type MemberConfig, type OrgConfig } from './config.ts';

/** Where each node of the consortium listens, derived from the config alone. */
export interface CaNode {
  org: string;
  name: string;
  host: string;
  port: number;
  opsPort: number;
}

export interface PeerNode {
  org: string;
  mspId: string;
  name: string;
  host: string;
  port: number;
  chaincodePort: number;
  opsPort: number;
  /** The org's chaincode-as-a-service server. */
  chaincodeServerPort: number;
}

export interface OrdererNode {
  name: string;
  host: string;
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

export interface OrdererOrgPlan extends OrgConfig {
  ca: CaNode;
  orderers: OrdererNode[];
}

export interface Topology {
  config: ConsortiumConfig;
  members: MemberPlan[];
  ordererOrg: OrdererOrgPlan;
}

export function planTopology(config: ConsortiumConfig): Topology {
  const { host } = config;
  const members = config.members.map((org, index): MemberPlan => {
    const base = config.basePort + index * MEMBER_PORT_BLOCK;
    return {
      ...org,
      ca: { org: org.name, name: `ca-${org.name}`, host, port: base, opsPort: base + 1 },
      peer: {
        org: org.name,
        mspId: org.mspId,
        name: `peer0.${org.name}`,
        host,
        port: base + 2,
        chaincodePort: base + 3,
        opsPort: base + 4,
        chaincodeServerPort: base + 5,
      },
      reserved: { nodeApi: base + 6, portal: base + 7, database: base + 8 },
    };
  });
  const base = config.basePort + config.members.length * MEMBER_PORT_BLOCK;
  const orderers = Array.from({ length: config.orderers }, (_, index): OrdererNode => {
    const port = base + 2 + index * 3;
    return { name: `orderer${index}`, host, port, adminPort: port + 1, opsPort: port + 2 };
  });
  const ordererOrg: OrdererOrgPlan = {
    ...config.ordererOrg,
    ca: {
      org: config.ordererOrg.name,
      name: `ca-${config.ordererOrg.name}`,
      host,
      port: base,
      opsPort: base + 1,
    },
    orderers,
  };
  return { config, members, ordererOrg };
}

export function findMember(topology: Topology, name: string): MemberPlan {
  const member = topology.members.find((org) => org.name === name);
  if (!member) {
    const known = topology.members.map((org) => org.name).join(', ');
    throw new Error(`unknown org "${name}" (members: ${known})`);
  }
  return member;
}

export function allCas(topology: Topology): CaNode[] {
  return [...topology.members.map((org) => org.ca), topology.ordererOrg.ca];
}

/** Every port the topology listens on, for collision checks. */
export function allPorts(topology: Topology): number[] {
  const members = topology.members.flatMap((org) => [
    org.ca.port,
    org.ca.opsPort,
    org.peer.port,
    org.peer.chaincodePort,
    org.peer.opsPort,
    org.peer.chaincodeServerPort,
  ]);
  const orderer = topology.ordererOrg;
  const orderers = orderer.orderers.flatMap((node) => [node.port, node.adminPort, node.opsPort]);
  return [...members, orderer.ca.port, orderer.ca.opsPort, ...orderers];
}
