import { status, type ServiceError } from '@grpc/grpc-js';
import { EndorseError, GatewayError } from '@hyperledger/fabric-gateway';
import { describe, expect, it } from 'vitest';
import { LEDGER_UNAVAILABLE, LedgerError, toLedgerError } from '../../src/ledger/errors.ts';

const cause = {} as ServiceError;

describe('toLedgerError', () => {
  it("carries the chaincode's own code and message from a peer's detail", () => {
    const error = new EndorseError({
      code: status.ABORTED,
      details: [
        {
          address: 'peer0:7012',
          mspId: 'SupplierMSP',
          message: 'chaincode response 500, [INVALID_STATE] voucher v is SPLIT',
        },
      ],
      cause,
      transactionId: 'tx1',
      message: '10 ABORTED: failed to endorse transaction',
    });
    const mapped = toLedgerError(error);
    expect(mapped).toBeInstanceOf(LedgerError);
    expect(mapped).toMatchObject({
      code: 'INVALID_STATE',
      message: '[INVALID_STATE] voucher v is SPLIT',
      transactionId: 'tx1',
    });
    expect(mapped.cause).toBe(error);
  });

  it('reports a gateway failure without a chaincode code as LEDGER_UNAVAILABLE', () => {
    const error = new GatewayError({
      code: status.UNAVAILABLE,
      details: [],
      cause,
      message: '14 UNAVAILABLE: no peer',
    });
    expect(toLedgerError(error)).toMatchObject({
      code: LEDGER_UNAVAILABLE,
      message: '14 UNAVAILABLE: no peer',
    });
  });

  it('wraps anything else, and passes a LedgerError through', () => {
    expect(toLedgerError(new Error('socket closed'))).toMatchObject({
      code: LEDGER_UNAVAILABLE,
      message: 'socket closed',
    });
    expect(toLedgerError('odd')).toMatchObject({ code: LEDGER_UNAVAILABLE, message: 'odd' });
    const known = new LedgerError('NOT_FOUND', 'gone');
    expect(toLedgerError(known)).toBe(known);
  });
});
