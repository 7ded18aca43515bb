import { createPrivateKey } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { connect, hash, type Gateway, type Signer } from '@hyperledger/fabric-gateway';
import { newNativeSigner } from './native-signer.ts';

/** A Fabric identity: the enrollment certificate and private key its CA issued. */
export interface LedgerIdentity {
  mspId: string;
  certificatePem: Uint8Array;
  privateKeyPem: Uint8Array;
}

/** An org's own peer, which runs the gateway and collects endorsements from the other orgs. */
export interface PeerEndpoint {
  address: string;
  tlsRootCertPem: Uint8Array;
  /** TLS host name to expect when the address is not in the peer certificate. */
  hostAlias?: string;
}

/** Deadlines (ms) on each kind of gateway call, so a dead peer fails a call instead of hanging it. */
export interface GatewayDeadlines {
  evaluate: number;
  endorse: number;
  submit: number;
  commitStatus: number;
}

export interface LedgerConnection {
  gateway: Gateway;
  /** The identity's signer, as the gateway uses it (to sign a transaction ahead of its submit). */
  sign: Signer;
  close: () => void;
}

function within(ms: number): () => grpc.CallOptions {
  return () => ({ deadline: Date.now() + ms });
}

/** A gateway connection to `peer` as `identity`, every call bounded by `deadlines`. */
export function connectGateway(
  peer: PeerEndpoint,
  identity: LedgerIdentity,
  deadlines: GatewayDeadlines,
): LedgerConnection {
  const client = new grpc.Client(
    peer.address,
    grpc.credentials.createSsl(Buffer.from(peer.tlsRootCertPem)),
    peer.hostAlias ? { 'grpc.ssl_target_name_override': peer.hostAlias } : {},
  );
  const sign = newNativeSigner(createPrivateKey(Buffer.from(identity.privateKeyPem)));
  const gateway = connect({
    client,
    identity: { mspId: identity.mspId, credentials: identity.certificatePem },
    signer: sign,
    // The signer hashes as it signs (native-signer.ts).
    hash: hash.none,
    evaluateOptions: within(deadlines.evaluate),
    endorseOptions: within(deadlines.endorse),
    submitOptions: within(deadlines.submit),
    commitStatusOptions: within(deadlines.commitStatus),
  });
  return {
    gateway,
    sign,
    close: () => {
      gateway.close();
      client.close();
    },
  };
}
