import { status, type ServiceError } from '@grpc/grpc-js';
import { EndorseError } from '@hyperledger/fabric-gateway';
import { describe, expect, it } from 'vitest';
import { CommandError } from '../scripts/exec.ts';
import { LedgerRefusedError, refusalOf, withDetails } from '../scripts/ledger-call.ts';

const REFUSAL = '[FORBIDDEN] BankCMSP, host of 91110000MA0000C01Q, is not a member of the "charter"';

describe('a chaincode refusal', () => {
  it('in the peer CLI’s output becomes a typed error with the chaincode’s code', () => {
    const output =
      'Error: endorsement failure during invoke. response: status:500 message:"[FORBIDDEN] BankCMSP, host of 91110000MA0000C01Q, is not a member of the \\"charter\\""';
    const refusal = refusalOf(new CommandError('peer chaincode invoke', output, new Error('exit 1')));
    expect(refusal).toBeInstanceOf(LedgerRefusedError);
    expect(refusal).toMatchObject({ code: 'FORBIDDEN', message: REFUSAL });
    expect(refusalOf(new CommandError('peer', 'Error: connection refused', new Error('x')))).toBeUndefined();
  });

  it('in what the endorsing peers told the gateway becomes the same typed error', () => {
    const endorseError = (details: string[]): EndorseError =>
      new EndorseError({
        code: status.ABORTED,
        details: details.map((message) => ({ address: 'peer0.bankc:7051', mspId: 'BankCMSP', message })),
        cause: new Error('aborted') as ServiceError,
        message: '10 ABORTED: failed to endorse transaction, see attached details for more info',
        transactionId: 'tx1',
      });
    const refusal = refusalOf(endorseError([`chaincode response 500, ${REFUSAL}`]));
    expect(refusal).toBeInstanceOf(LedgerRefusedError);
    expect(refusal).toMatchObject({ code: 'FORBIDDEN', message: REFUSAL });
    expect(refusalOf(endorseError(['failed to connect to peer0.bankc:7051']))).toBeUndefined();
  });
});

describe('any other gateway failure', () => {
  it('keeps the gateway’s error as its cause and says what each peer answered', () => {
    const failure = new EndorseError({
      code: status.ABORTED,
      details: [{ address: 'peer0.banka:7151', mspId: 'BankAMSP', message: 'chaincode stream terminated' }],
      cause: new Error('aborted') as ServiceError,
      message: '10 ABORTED: failed to endorse transaction, see attached details for more info',
      transactionId: 'tx1',
    });
    const explained = withDetails(failure);
    expect(explained).toBeInstanceOf(Error);
    expect(explained).toMatchObject({
      message:
        '10 ABORTED: failed to endorse transaction, see attached details for more info\n' +
        'BankAMSP at peer0.banka:7151: chaincode stream terminated',
      cause: failure,
    });
    const plain = new Error('connection refused');
    expect(withDetails(plain)).toBe(plain);
  });
});
