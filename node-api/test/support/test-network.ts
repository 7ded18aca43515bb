import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  clean,
  findFreeBasePort,
  findMember,
  killAllSync,
  loadConfig,
  openNetwork,
  portSpan,
  up,
  type EnrolledUser,
  type NetworkContext,
} from '@scf/network';
import { connectLedger, SmokeLedger, type LedgerConnection } from '../../src/ledger/index.ts';

/** A whole consortium network of its own, on free ports in a temporary state folder. */
export async function startTestNetwork(orderers = 3): Promise<NetworkContext> {
  const basePort = await findFreeBasePort(portSpan(loadConfig()));
  const stateDir = mkdtempSync(join(tmpdir(), 'scf-it-'));
  const ctx = openNetwork({ stateDir, overrides: { basePort, orderers }, log: () => undefined });
  // Should the test process die before its afterAll, leave no Fabric process behind.
  process.once('exit', () => {
    killAllSync(ctx.paths);
  });
  try {
    await up(ctx);
  } catch (error) {
    await clean(ctx);
    throw error;
  }
  return ctx;
}

export async function stopTestNetwork(ctx: NetworkContext | undefined): Promise<void> {
  if (ctx) await clean(ctx);
}

export interface UserSession {
  connection: LedgerConnection;
  smoke: SmokeLedger;
}

/** A gateway connection as `user` through its own org's peer (TLS host name: the peer's name). */
export function connectUser(ctx: NetworkContext, user: EnrolledUser): LedgerConnection {
  const org = findMember(ctx.topology, user.org);
  return connectLedger(
    {
      address: `${org.peer.host}:${org.peer.port}`,
      tlsRootCertPem: readFileSync(ctx.paths.caCert(org.name)),
      // The peer's TLS certificate names it; TLS server names must not be IP addresses.
      hostAlias: org.peer.name,
    },
    { mspId: user.mspId, certificatePem: readFileSync(user.cert), privateKeyPem: readFileSync(user.key) },
  );
}

/** Connects as `user`, with the smoke contract's client. */
export function sessionFor(ctx: NetworkContext, user: EnrolledUser): UserSession {
  const connection = connectUser(ctx, user);
  const { channel, chaincode } = ctx.topology.config;
  return { connection, smoke: new SmokeLedger(connection.gateway, channel, chaincode.name) };
}
