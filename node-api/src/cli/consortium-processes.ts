import {
  fabricReports,
  fabricRestarters,
  type NetworkContext,
  type ProcessReport,
  type Restarter,
} from '@scf/network';
import { nodeReports, nodeRestarters } from './node-status.ts';

/**
 * Every process of every org's node — CAs, orderers, peers, chaincode servers, node APIs (with their
 * databases and projectors), portals — judged as `npm run status` shows them. Empty when the network
 * runs no process (never started, or stopped).
 */
export async function consortiumReports(ctx: NetworkContext): Promise<ProcessReport[]> {
  const [fabric, nodes] = await Promise.all([fabricReports(ctx), nodeReports(ctx)]);
  return fabric.length === 0 ? [] : [...fabric, ...nodes];
}

/** How the watch restarts each of them. */
export function consortiumRestarters(ctx: NetworkContext): Map<string, Restarter> {
  return new Map([...fabricRestarters(ctx), ...nodeRestarters(ctx)]);
}
