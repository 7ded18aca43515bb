import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../scripts/config.ts';
import type { NetworkContext } from '../scripts/context.ts';
import { ordererProcessSpec } from '../scripts/orderer.ts';
import { StatePaths } from '../scripts/paths.ts';
import { peerProcessSpec } from '../scripts/peer.ts';
import { planned } from './support/planned.ts';

/** gRPC's floor for a client's keepalive interval: what a gateway that sets none pings at. */
const GRPC_CLIENT_PING_FLOOR_S = 10;

function context(): NetworkContext {
  const configDir = mkdtempSync(join(tmpdir(), 'scf-keepalive-cfg-'));
  writeFileSync(join(configDir, 'core.yaml'), 'peer: {}\nchaincode: {}\nvm: {}\n');
  return {
    ...planned(loadConfig()),
    paths: new StatePaths(mkdtempSync(join(tmpdir(), 'scf-keepalive-'))),
    tools: { binDir: '/bin', configDir, version: 'x' },
    log: () => undefined,
  };
}

function seconds(duration: string | undefined): number {
  const match = /^(\d+)s$/.exec(duration ?? '');
  if (!match?.[1]) throw new Error(`not a duration in seconds: ${String(duration)}`);
  return Number(match[1]);
}

describe('keepalive pings a node puts up with', () => {
  const ctx = context();

  it('lets every peer take pings from another peer’s gateway at gRPC’s floor, with room for jitter', () => {
    for (const org of ctx.topology.members) {
      const minimum = seconds(peerProcessSpec(ctx, org).env.CORE_PEER_KEEPALIVE_MININTERVAL);
      expect(minimum).toBeGreaterThan(0);
      expect(minimum).toBeLessThan(GRPC_CLIENT_PING_FLOOR_S);
    }
  });

  it('lets every orderer take pings from a peer’s gateway at gRPC’s floor, with room for jitter', () => {
    for (const node of ctx.topology.ordererOrg.orderers) {
      const env = ordererProcessSpec(ctx, node).env;
      const minimum = seconds(env.ORDERER_GENERAL_KEEPALIVE_SERVERMININTERVAL);
      expect(minimum).toBeGreaterThan(0);
      expect(minimum).toBeLessThan(GRPC_CLIENT_PING_FLOOR_S);
    }
  });
});
