import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { findMember, type NetworkContext } from '@scf/network';

/** What a peer's gateway pings another peer or an orderer at: gRPC's floor, as it sets no interval. */
const GATEWAY_PING_MS = 10_000;
/** Long enough for four pings: a node that allows fewer closes the connection by the third. */
const IDLE_MS = 45_000;

/** A gRPC connection to `address` that pings as a peer's gateway does, open once it is READY. */
async function pingingConnection(address: string, caFile: string, serverName: string): Promise<grpc.Client> {
  const client = new grpc.Client(address, grpc.credentials.createSsl(readFileSync(caFile)), {
    'grpc.ssl_target_name_override': serverName,
    'grpc.keepalive_time_ms': GATEWAY_PING_MS,
    'grpc.keepalive_permit_without_calls': 1,
  });
  await new Promise<void>((resolve, reject) => {
    client.waitForReady(Date.now() + 20_000, (error) => {
      if (error) reject(error);
      else resolve();
    });
  });
  return client;
}

/** Whether the connection left READY (the server closed it: GOAWAY) within `ms`. */
function leavesReady(client: grpc.Client, ms: number): Promise<boolean> {
  const channel = client.getChannel();
  return new Promise((resolve) => {
    channel.watchConnectivityState(grpc.connectivityState.READY, Date.now() + ms, (error) => {
      // An error means the deadline passed with the state unchanged.
      resolve(error === undefined);
    });
  });
}

/**
 * A peer's gateway dials the other peers and the orderers without keepalive settings, so gRPC pings
 * every 10 s of silence; a node that allows pings only every 60 s (Fabric's default) then closes the
 * connection, and an endorsement sent on it that moment fails (network/scripts/keepalive.ts).
 */
export function keepaliveSuite(network: () => NetworkContext): void {
  describe('connections from a peer’s gateway that sit idle', () => {
    it(
      'stay open at a ping every 10 s, to a peer and to an orderer',
      async () => {
        const ctx = network();
        const core = findMember(ctx.topology, 'core');
        const orderer = ctx.topology.ordererOrg.orderers[0];
        if (!orderer) throw new Error('no orderer');
        const clients = await Promise.all([
          pingingConnection(
            `127.0.0.1:${String(core.peer.port)}`,
            ctx.paths.caCert(core.name),
            core.peer.name,
          ),
          pingingConnection(
            `127.0.0.1:${String(orderer.port)}`,
            ctx.paths.caCert(ctx.topology.ordererOrg.name),
            orderer.name,
          ),
        ]);
        try {
          const left = await Promise.all(clients.map((client) => leavesReady(client, IDLE_MS)));
          expect(left).toEqual([false, false]);
        } finally {
          for (const client of clients) client.close();
        }
      },
      IDLE_MS + 60_000,
    );
  });
}
