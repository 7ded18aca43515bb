import { endpoint, localAddress } from './hosts.ts';
import type { MemberPlan, PeerNode } from './topology.ts';

/**
 * Benchmarks profile the peers (Fabric's `peer.profile`: Go's pprof server) when SCF_PEER_PROFILE=1
 * is set where the peers start. Never on in a consortium: the server answers anyone who reaches it.
 */
export function peerProfilingEnv(peer: PeerNode): Record<string, string> {
  if (process.env.SCF_PEER_PROFILE !== '1') return {};
  return {
    CORE_PEER_PROFILE_ENABLED: 'true',
    CORE_PEER_PROFILE_LISTENADDRESS: endpoint(peer.listenHost, peer.profilePort),
  };
}

/** A CPU profile of the org's peer over the next `seconds` (pprof's protobuf, gzipped). */
export async function fetchPeerProfile(org: MemberPlan, seconds: number): Promise<Buffer> {
  const address = endpoint(localAddress(org.peer.listenHost), org.peer.profilePort);
  const response = await fetch(`http://${address}/debug/pprof/profile?seconds=${String(seconds)}`, {
    signal: AbortSignal.timeout((seconds + 30) * 1000),
  });
  if (!response.ok) {
    throw new Error(`peer ${org.peer.name} profile: HTTP ${String(response.status)} from ${address}`);
  }
  return Buffer.from(await response.arrayBuffer());
}
