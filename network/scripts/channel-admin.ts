import { existsSync, readFileSync } from 'node:fs';
import type { NetworkContext } from './context.ts';
import { run } from './exec.ts';
import { fabricBin } from './fabric-tools.ts';
import { endpoint, localAddress } from './hosts.ts';
import { identityFiles } from './identities.ts';
import { ORDERER_ADMIN } from './orderer.ts';
import { ORG_ADMIN, peerCli } from './peer.ts';
import { findOrg } from './topology.ts';

/** `peer channel fetch` arguments that reach one node: none for the admin's own peer, `-o …` for an orderer. */
export interface BlockSource {
  name: string;
  args: string[];
}

/**
 * One org's admin acting on the channel, from the org's own identity folder and nodes only: its
 * signing MSP, its enrollment certificate (public: every signature carries it), and where it reads
 * the channel (its peer; for an ordering org, its orderers). Nothing of another org is read.
 */
export interface ChannelAdmin {
  org: string;
  mspId: string;
  role: 'member' | 'orderer';
  channel: string;
  certPem: string;
  /** Runs the peer CLI with the admin's MSP (`channel fetch`, `signconfigtx`, `update`). */
  peer: (args: string[], timeoutMs?: number) => Promise<string>;
  ownNodes: BlockSource[];
}

function adminCert(file: string, org: string): string {
  if (!existsSync(file))
    throw new Error(`the admin of ${org} is not enrolled (${file} missing): run up first`);
  return readFileSync(file, 'utf8');
}

/** The admin of `orgName` (a member org or the ordering org) as `--org` names it. */
export function channelAdmin(ctx: NetworkContext, orgName: string): ChannelAdmin {
  const org = findOrg(ctx.topology, orgName);
  const channel = ctx.topology.config.channel;
  if ('peer' in org) {
    return {
      org: org.name,
      mspId: org.mspId,
      role: 'member',
      channel,
      certPem: adminCert(identityFiles(ctx.paths.identity(org.name, ORG_ADMIN)).cert, org.name),
      peer: (args, timeoutMs) => peerCli(ctx, org, args, timeoutMs),
      ownNodes: [{ name: org.peer.name, args: [] }],
    };
  }
  const admin = identityFiles(ctx.paths.identity(org.name, ORDERER_ADMIN));
  const caFile = ctx.paths.caCert(org.name);
  return {
    org: org.name,
    mspId: org.mspId,
    role: 'orderer',
    channel,
    certPem: adminCert(admin.cert, org.name),
    // An ordering org runs no peer: the CLI gets Fabric's default core.yaml and the admin's MSP.
    peer: (args, timeoutMs) =>
      run(fabricBin(ctx.tools, 'peer'), args, {
        timeoutMs,
        env: {
          FABRIC_CFG_PATH: ctx.tools.configDir,
          FABRIC_LOGGING_SPEC: 'WARNING',
          CORE_PEER_LOCALMSPID: org.mspId,
          CORE_PEER_MSPCONFIGPATH: admin.msp,
        },
      }),
    // Its orderers on this host first, reached locally; those on other hosts by their advertised name.
    ownNodes: [
      ...ctx.local.orderers.map((node) => ({
        node,
        address: endpoint(localAddress(node.listenHost), node.port),
      })),
      ...org.orderers
        .filter((node) => !ctx.local.orderers.includes(node))
        .map((node) => ({ node, address: endpoint(node.host, node.port) })),
    ].map(({ node, address }) => ({
      name: node.name,
      args: ['-o', address, '--tls', '--cafile', caFile],
    })),
  };
}
