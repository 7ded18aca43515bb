import { status, type ServiceError } from '@grpc/grpc-js';
import { CommitError, EndorseError, GatewayError, type ErrorDetail } from '@hyperledger/fabric-gateway';
import { SubmitError } from '@hyperledger/fabric-gateway/dist/submiterror.js';
import { describe, expect, it } from 'vitest';
import {
  invalidAtCommit,
  isEndorsementMismatch,
  isOrderingRefusal,
  LEDGER_UNAVAILABLE,
  LedgerError,
  orderingRefused,
  toLedgerError,
  TransactionInvalid,
} from '../../src/ledger/errors.ts';

const cause = {} as ServiceError;

/** What must never reach a client: host names, addresses, ports, package ids of the network. */
const INTERNAL = /\d{1,3}(\.\d{1,3}){3}|:\d{2,5}\b|peer0|orderer\d|scf_[\w.]+:[0-9a-f]{8}/;

const detail = (address: string, mspId: string, message: string): ErrorDetail => ({
  address,
  mspId,
  message,
});

/** The gateway's answer when the org's chaincode server is down (a peer's text, as Fabric words it). */
const chaincodeDown = (): EndorseError =>
  new EndorseError({
    code: status.ABORTED,
    details: [
      detail(
        'peer0.supplier:7012',
        'SupplierMSP',
        'error in simulation: failed to execute transaction 5f3a: could not launch chaincode ' +
          'scf_1.0:0a1b2c3d4e5f: connection to scf_1.0:0a1b2c3d4e5f failed: error cannot create connection ' +
          'for scf_1.0:0a1b2c3d4e5f: error creating grpc connection to 127.0.0.1:7014: connection refused',
      ),
    ],
    cause,
    transactionId: 'tx-down',
    message: '10 ABORTED: failed to endorse transaction, see attached details for more info',
  });

function expectNoAddress(error: LedgerError): void {
  expect(error.message).not.toMatch(INTERNAL);
}

describe('toLedgerError', () => {
  it("carries the chaincode's own code and message from a peer's detail", () => {
    const error = new EndorseError({
      code: status.ABORTED,
      details: [
        detail('peer0:7012', 'SupplierMSP', 'chaincode response 500, [INVALID_STATE] voucher v is SPLIT'),
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

  it('tells a chaincode server that is down apart from a conflict: CHAINCODE_UNAVAILABLE', () => {
    const error = chaincodeDown();
    expect(isEndorsementMismatch(error)).toBe(false);
    const mapped = toLedgerError(error);
    expect(mapped).toMatchObject({ code: 'CHAINCODE_UNAVAILABLE', transactionId: 'tx-down' });
    expect(mapped.cause).toBe(error);
    expectNoAddress(mapped);
  });

  it.each([
    'chaincode stream terminated',
    'timeout expired while executing transaction',
    'timeout expired while starting chaincode scf_1.0:0a1b2c3d4e5f for transaction',
  ])('reads "%s" as CHAINCODE_UNAVAILABLE', (text) => {
    const error = new EndorseError({
      code: status.ABORTED,
      details: [detail('peer0.core:7022', 'CoreFirmMSP', `error in simulation: ${text}`)],
      cause,
      transactionId: 'tx',
      message: '10 ABORTED: failed to endorse transaction, see attached details for more info',
    });
    expect(toLedgerError(error).code).toBe('CHAINCODE_UNAVAILABLE');
  });

  it('reports endorsements the gateway could not collect as ENDORSEMENT_POLICY_FAILURE', () => {
    const unreachable = new EndorseError({
      code: status.ABORTED,
      details: [detail('peer0.banka:7032', 'BankAMSP', 'rpc error: code = Unavailable desc = 10.0.4.7:7032')],
      cause,
      transactionId: 'tx2',
      message:
        '10 ABORTED: failed to collect enough transaction endorsements, see attached details for more info',
    });
    const unplannable = new EndorseError({
      code: status.FAILED_PRECONDITION,
      details: [],
      cause,
      transactionId: 'tx3',
      message:
        '9 FAILED_PRECONDITION: no combination of peers can be derived which satisfy the endorsement ' +
        'policy: required chaincodes are not installed on sufficient peers',
    });
    for (const error of [unreachable, unplannable]) {
      const mapped = toLedgerError(error);
      expect(mapped.code).toBe('ENDORSEMENT_POLICY_FAILURE');
      expectNoAddress(mapped);
    }
  });

  it('knows endorsers that read different states (a read conflict worth a fresh attempt)', () => {
    const error = new EndorseError({
      code: status.ABORTED,
      details: [detail('peer0.core:7022', 'CoreFirmMSP', 'ProposalResponsePayloads do not match')],
      cause,
      transactionId: 'tx4',
      message:
        '10 ABORTED: failed to collect enough transaction endorsements, see attached details for more info',
    });
    expect(isEndorsementMismatch(error)).toBe(true);
    expect(toLedgerError(error).code).toBe('CONFLICT');
  });

  it('reports a gateway it cannot reach as LEDGER_UNAVAILABLE, without its address', () => {
    const error = new GatewayError({
      code: status.UNAVAILABLE,
      details: [],
      cause,
      message: '14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:7002',
    });
    const mapped = toLedgerError(error);
    expect(mapped).toMatchObject({ code: LEDGER_UNAVAILABLE });
    expect(mapped.cause).toBe(error);
    expectNoAddress(mapped);
  });

  it('wraps anything else with fixed words, and passes a LedgerError through', () => {
    const socket = new Error('read ECONNRESET 10.1.2.3:7051');
    expect(toLedgerError(socket)).toMatchObject({ code: LEDGER_UNAVAILABLE, cause: socket });
    expectNoAddress(toLedgerError(socket));
    expect(toLedgerError('odd')).toMatchObject({ code: LEDGER_UNAVAILABLE });
    const known = new LedgerError('NOT_FOUND', 'gone');
    expect(toLedgerError(known)).toBe(known);
  });

  it('names a commit failure by its validation code', () => {
    const commit = (code: 10 | 11 | 13) => new CommitError({ code, transactionId: 'tx5', message: 'x' });
    expect(toLedgerError(commit(10))).toMatchObject({
      code: 'ENDORSEMENT_POLICY_FAILURE',
      transactionId: 'tx5',
    });
    expect(toLedgerError(commit(11))).toMatchObject({ code: 'CONFLICT' });
    expect(toLedgerError(commit(13))).toMatchObject({
      code: 'COMMIT_FAILED',
      message: 'the peers did not commit the transaction (validation code UNKNOWN_TX_TYPE)',
    });
  });
});

describe('failures after endorsement', () => {
  it('reads orderers that refused or could not be reached as ORDERING_UNAVAILABLE', () => {
    const refused = new SubmitError({
      code: status.UNAVAILABLE,
      details: [
        detail(
          'orderer0.orderer:7050',
          'OrdererMSP',
          'rpc error: code = Unavailable desc = connection refused',
        ),
      ],
      cause,
      transactionId: 'tx6',
      message:
        '14 UNAVAILABLE: insufficient number of orderers could successfully process transaction to ' +
        'satisfy quorum requirement',
    });
    expect(isOrderingRefusal(refused)).toBe(true);
    const mapped = orderingRefused(refused, 'tx6');
    expect(mapped).toMatchObject({ code: 'ORDERING_UNAVAILABLE', transactionId: 'tx6' });
    expectNoAddress(mapped);
  });

  it('leaves a submit unknown whose connection to the gateway peer dropped (the peer may have sent it on)', () => {
    for (const message of ['14 UNAVAILABLE: Connection dropped', '10 ABORTED: read ECONNRESET']) {
      const dropped = new SubmitError({
        code: message.startsWith('14') ? status.UNAVAILABLE : status.ABORTED,
        details: [],
        cause,
        transactionId: 'tx6b',
        message,
      });
      expect(isOrderingRefusal(dropped)).toBe(false);
    }
  });

  it('leaves a submit that timed out unknown, not refused', () => {
    const timedOut = new SubmitError({
      code: status.DEADLINE_EXCEEDED,
      details: [],
      cause,
      transactionId: 'tx7',
      message: '4 DEADLINE_EXCEEDED: Deadline exceeded',
    });
    expect(isOrderingRefusal(timedOut)).toBe(false);
  });

  it('reports a transaction committed invalid with its validation code and block', () => {
    const invalid = invalidAtCommit({ transactionId: 'tx8', code: 10, blockNumber: 42n });
    expect(invalid).toBeInstanceOf(TransactionInvalid);
    expect(invalid).toMatchObject({
      code: 'ENDORSEMENT_POLICY_FAILURE',
      validation: 'ENDORSEMENT_POLICY_FAILURE',
      blockNumber: 42n,
      transactionId: 'tx8',
    });
    expect(invalidAtCommit({ transactionId: 'tx9', code: 12, blockNumber: 1n })).toMatchObject({
      code: 'CONFLICT',
      validation: 'PHANTOM_READ_CONFLICT',
    });
  });
});
