import { readFileSync } from 'node:fs';
import { findMember, type EnrolledUser, type NetworkContext } from '@scf/network';
import { connectLedger, type LedgerConnection } from './connection.ts';

/**
 * A gateway connection as `user` through its own org's peer, from the network's state folder (the
 * peer address and the org CA's certificate). The peer's TLS certificate names it; TLS server names
 * must not be IP addresses, so the peer's name is the TLS host name.
 */
export function connectMember(ctx: NetworkContext, user: EnrolledUser): LedgerConnection {
  const org = findMember(ctx.topology, user.org);
  return connectLedger(
    {
      address: `${org.peer.host}:${org.peer.port}`,
      tlsRootCertPem: readFileSync(ctx.paths.caCert(org.name)),
      hostAlias: org.peer.name,
    },
    { mspId: user.mspId, certificatePem: readFileSync(user.cert), privateKeyPem: readFileSync(user.key) },
  );
}
