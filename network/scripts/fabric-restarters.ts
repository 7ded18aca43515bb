import { caProcessName, startCa } from './ca.ts';
import { chaincodeProcessName, ensureChaincodeServer } from './chaincode.ts';
import type { NetworkContext } from './context.ts';
import { ordererProcessName, restartOrderer, startOrderer } from './orderer.ts';
import { peerProcessName, startPeer } from './peer.ts';
import type { Restarter } from './supervisor.ts';

/**
 * How the watch restarts each Fabric process: with the very starts `up` uses (which wait until the
 * process is healthy), and for orderers also a stop-and-start of one that runs but is stuck.
 */
export function fabricRestarters(ctx: NetworkContext): Map<string, Restarter> {
  const { members, orderers, cas } = ctx.local;
  const restarters = new Map<string, Restarter>();
  for (const ca of cas) restarters.set(caProcessName(ca), { start: () => startCa(ctx, ca) });
  for (const node of orderers) {
    restarters.set(ordererProcessName(node), {
      start: () => startOrderer(ctx, node),
      replace: () => restartOrderer(ctx, node),
    });
  }
  for (const org of members) {
    restarters.set(peerProcessName(org), { start: () => startPeer(ctx, org) });
    restarters.set(chaincodeProcessName(org), { start: () => ensureChaincodeServer(ctx, org) });
  }
  return restarters;
}
