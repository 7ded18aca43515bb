import { createPrivateKey } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { connect, hash, type ConnectOptions, type Gateway, type Signer } from '@hyperledger/fabric-gateway';
import { newNativeSigner } from './native-signer.ts';

/** A user's Fabric identity: the enrollment certificate and private key its CA issued. */
export interface LedgerIdentity {
  mspId: string;
  certificatePem: Uint8Array;
  privateKeyPem: Uint8Array;
}

/** The org's own peer, which runs the gateway and collects endorsements from the other orgs. */
export interface PeerEndpoint {
  address: string;
  tlsRootCertPem: Uint8Array;
  /** TLS host name to expect when the address is not in the peer certificate. */
  hostAlias?: string;
}

/**
 * Deadlines (ms) on every gateway call, so a dead peer fails a request instead of hanging it. The node's
 * mutations wait for a commit at most SCF_COMMIT_WAIT_MS instead (`WriteTracking.commitWaitMs`); the
 * longer commit deadline here is for direct users of the client (tests, the demo, the CLI).
 */
export const DEADLINES = { evaluate: 5_000, endorse: 15_000, submit: 5_000, commitStatus: 60_000 } as const;

export interface LedgerConnection {
  gateway: Gateway;
  /** The identity's signer, as the gateway uses it (to sign a transaction ahead of its submit). */
  sign: Signer;
  close: () => void;
}

function deadline(ms: number): () => grpc.CallOptions {
  return () => ({ deadline: Date.now() + ms });
}

export function connectLedger(peer: PeerEndpoint, identity: LedgerIdentity): LedgerConnection {
  const options: grpc.ClientOptions = peer.hostAlias
    ? { 'grpc.ssl_target_name_override': peer.hostAlias }
    : {};
  const client = new grpc.Client(
    peer.address,
    grpc.credentials.createSsl(Buffer.from(peer.tlsRootCertPem)),
    options,
  );
  const sign = newNativeSigner(createPrivateKey(Buffer.from(identity.privateKeyPem)));
  const connectOptions: ConnectOptions = {
    client,
    identity: { mspId: identity.mspId, credentials: identity.certificatePem },
    signer: sign,
    // The signer hashes as it signs (native-signer.ts).
    hash: hash.none,
    evaluateOptions: deadline(DEADLINES.evaluate),
    endorseOptions: deadline(DEADLINES.endorse),
    submitOptions: deadline(DEADLINES.submit),
    commitStatusOptions: deadline(DEADLINES.commitStatus),
  };
  const gateway = connect(connectOptions);
  return {
    gateway,
    sign,
    close: () => {
      gateway.close();
      client.close();
    },
  };
}
