import { status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { GatewayError, type Transaction } from '@hyperledger/fabric-gateway';
import { describe, expect, it, vi } from 'vitest';
import { endorseOnceKnown } from '../scripts/admin-gateway.ts';

function gatewayError(code: number, detail: string): GatewayError {
  return new GatewayError({
    code,
    details: [],
    cause: new Error(detail) as ServiceError,
    message: `${String(code)} ${detail}`,
  });
}

const NO_PEERS = gatewayError(status.UNAVAILABLE, 'failed to find any endorsing peers for org(s): BankAMSP');
const transaction = {} as Transaction;

describe('endorsing as an org admin through the gateway', () => {
  it('asks again while the peer knows no peer of an endorsing org yet, then returns the endorsement', async () => {
    const endorse = vi
      .fn<() => Promise<Transaction>>()
      .mockRejectedValueOnce(NO_PEERS)
      .mockRejectedValueOnce(NO_PEERS)
      .mockResolvedValueOnce(transaction);
    await expect(endorseOnceKnown({ endorse }, Date.now() + 30_000, 5)).resolves.toBe(transaction);
    expect(endorse).toHaveBeenCalledTimes(3);
  });

  it('gives up with the gateway’s error at the deadline', async () => {
    const endorse = vi.fn<() => Promise<Transaction>>().mockRejectedValue(NO_PEERS);
    const started = Date.now();
    await expect(endorseOnceKnown({ endorse }, started + 200, 20)).rejects.toBe(NO_PEERS);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(endorse.mock.calls.length).toBeGreaterThan(3);
  });

  it('does not ask again after any other failure (a refusal, a dead peer)', async () => {
    const refused = gatewayError(status.ABORTED, 'failed to endorse transaction');
    const down = gatewayError(status.UNAVAILABLE, 'connection refused');
    for (const failure of [refused, down]) {
      const endorse = vi.fn<() => Promise<Transaction>>().mockRejectedValue(failure);
      await expect(endorseOnceKnown({ endorse }, Date.now() + 30_000)).rejects.toBe(failure);
      expect(endorse).toHaveBeenCalledTimes(1);
    }
  });
});
