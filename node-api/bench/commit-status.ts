import type { Gateway } from '@hyperledger/fabric-gateway';
import { gateway as protos, msp } from '@hyperledger/fabric-protos';

/**
 * Waits until the peer behind `gateway` has committed transaction `transactionId` (one that another
 * org's peer committed may not be on this one yet): one call to the gateway's commit status, which
 * answers once the peer's commit of it is done, with no block stream to open.
 */
export async function waitForCommit(
  gateway: Gateway,
  channel: string,
  transactionId: string,
  timeoutMs: number,
): Promise<void> {
  const { mspId, credentials } = gateway.getIdentity();
  const identity = new msp.SerializedIdentity();
  identity.setMspid(mspId);
  identity.setIdBytes(credentials);
  const request = new protos.CommitStatusRequest();
  request.setChannelId(channel);
  request.setTransactionId(transactionId);
  request.setIdentity(identity.serializeBinary());
  const unsigned = new protos.SignedCommitStatusRequest();
  unsigned.setRequest(request.serializeBinary());
  try {
    // Signed with the gateway's own identity when sent.
    await gateway.newCommit(unsigned.serializeBinary()).getStatus({ deadline: Date.now() + timeoutMs });
  } catch (error) {
    throw new Error(
      `transaction ${transactionId} not committed on this peer within ${String(timeoutMs)} ms`,
      {
        cause: error,
      },
    );
  }
}
