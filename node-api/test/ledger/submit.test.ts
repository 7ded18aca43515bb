import { status as grpc, type CallOptions, type ServiceError } from '@grpc/grpc-js';
import {
  CommitStatusError,
  EndorseError,
  type Contract,
  type Gateway,
  type Transaction,
} from '@hyperledger/fabric-gateway';
import { SubmitError } from '@hyperledger/fabric-gateway/dist/submiterror.js';
import { common, gateway as protos } from '@hyperledger/fabric-protos';
import { describe, expect, it } from 'vitest';
import { LedgerError, OutcomeUnknown, TransactionInvalid } from '../../src/ledger/errors.ts';
import { resubmit, submit, type SubmitHooks } from '../../src/ledger/submit.ts';

const cause = {} as ServiceError;
const RESULT = new TextEncoder().encode('{"id":"inv-1"}');

/** How one attempt goes: a failure at a step, or the validation code it commits with (0: valid). */
interface Step {
  endorse?: Error;
  submit?: Error;
  status?: Error | number;
}

/**
 * A contract whose attempts follow `steps` (one per proposal), logging what reached the "network":
 * `endorse <tx>`, `submit <tx>`, `status <tx> <ms of deadline>`.
 */
function scripted(steps: Step[]): { contract: Contract; log: string[] } {
  const log: string[] = [];
  let attempt = 0;
  const contract = {
    newProposal: () => {
      const step = steps[attempt] ?? {};
      attempt += 1;
      const id = `tx${String(attempt)}`;
      return {
        getTransactionId: () => id,
        endorse: () => {
          log.push(`endorse ${id}`);
          if (step.endorse) return Promise.reject(step.endorse);
          return Promise.resolve({
            getTransactionId: () => id,
            getResult: () => RESULT,
            submit: () => {
              log.push(`submit ${id}`);
              if (step.submit) return Promise.reject(step.submit);
              return Promise.resolve({
                getTransactionId: () => id,
                getStatus: (options?: CallOptions) => {
                  const deadline = Number(options?.deadline ?? Number.NaN) - Date.now();
                  log.push(`status ${id} ${deadline > 0 ? String(Math.round(deadline / 1000)) : '-'}s`);
                  if (step.status instanceof Error) return Promise.reject(step.status);
                  const code = step.status ?? 0;
                  return Promise.resolve({
                    successful: code === 0,
                    code,
                    transactionId: id,
                    blockNumber: 7n,
                  });
                },
              });
            },
          });
        },
      };
    },
  } as unknown as Contract;
  return { contract, log };
}

function recordingHooks(log: string[], fail?: 'endorsing' | 'ordering'): SubmitHooks {
  return {
    endorsing: (id) => {
      log.push(`hook endorsing ${id}`);
      return fail === 'endorsing' ? Promise.reject(new Error('database down')) : Promise.resolve();
    },
    ordering: (id, result) => {
      log.push(`hook ordering ${id} ${new TextDecoder().decode(result)}`);
      return fail === 'ordering' ? Promise.reject(new Error('database down')) : Promise.resolve();
    },
  };
}

const endorseError = (code: number, message: string, details: string[] = []) =>
  new EndorseError({
    code,
    details: details.map((text) => ({ address: 'peer0.supplier:7012', mspId: 'SupplierMSP', message: text })),
    cause,
    transactionId: 'x',
    message,
  });

describe('submit', () => {
  it('records the transaction id before endorsing and the result before ordering', async () => {
    const { contract, log } = scripted([{}]);
    const done = await submit(contract, 'Register', [], { hooks: recordingHooks(log), commitWaitMs: 5_000 });
    expect(done).toEqual({ result: RESULT, transactionId: 'tx1', blockNumber: 7n });
    expect(log).toEqual([
      'hook endorsing tx1',
      'endorse tx1',
      'hook ordering tx1 {"id":"inv-1"}',
      'submit tx1',
      'status tx1 5s',
    ]);
  });

  it('signs the transaction before ordering when asked, giving the hook what is then sent', async () => {
    const { contract, log } = scripted([{}]);
    const envelope = new Uint8Array([1, 2, 3]);
    const seal = (endorsed: Transaction): Promise<Transaction> => {
      log.push(`seal ${endorsed.getTransactionId()}`);
      return Promise.resolve(
        Object.assign(Object.create(endorsed) as Transaction, { getBytes: () => envelope }),
      );
    };
    const hooks: SubmitHooks = {
      ordering: (id, _result, kept) => {
        log.push(`hook ordering ${id} ${String(kept)}`);
        return Promise.resolve();
      },
    };
    await submit(contract, 'Register', [], { hooks, seal });
    expect(log).toEqual([
      'endorse tx1',
      'seal tx1',
      'hook ordering tx1 1,2,3',
      'submit tx1',
      'status tx1 -s',
    ]);
  });

  it('sends a kept transaction again only if it carries its signature', async () => {
    const sent: Uint8Array[] = [];
    const gateway = {
      newTransaction: (bytes: Uint8Array) => ({
        getTransactionId: () => 'tx1',
        submit: () => {
          sent.push(bytes);
          return Promise.resolve();
        },
      }),
    } as unknown as Gateway;
    const prepared = (signature: Uint8Array): Uint8Array => {
      const envelope = new common.Envelope();
      envelope.setPayload(new Uint8Array([9]));
      envelope.setSignature(signature);
      const transaction = new protos.PreparedTransaction();
      transaction.setTransactionId('tx1');
      transaction.setEnvelope(envelope);
      return transaction.serializeBinary();
    };
    await expect(resubmit(gateway, prepared(new Uint8Array()))).rejects.toThrow('without its signature');
    const signed = prepared(new Uint8Array([4, 5]));
    await resubmit(gateway, signed);
    expect(sent).toEqual([signed]);
  });

  it('sends nothing to the orderers when the record before ordering fails', async () => {
    const { contract, log } = scripted([{}]);
    await expect(
      submit(contract, 'Register', [], { hooks: recordingHooks(log, 'ordering') }),
    ).rejects.toThrow('database down');
    expect(log).not.toContain('submit tx1');
  });

  it('retries a read conflict at commit as a new transaction, recording each', async () => {
    const { contract, log } = scripted([{ status: 11 }, {}]);
    const done = await submit(contract, 'Register', [], { hooks: recordingHooks(log) });
    expect(done.transactionId).toBe('tx2');
    expect(log.filter((line) => line.startsWith('hook endorsing'))).toEqual([
      'hook endorsing tx1',
      'hook endorsing tx2',
    ]);
  });

  it('retries endorsers that disagreed, but not a chaincode that is down', async () => {
    const mismatch = endorseError(
      grpc.ABORTED,
      '10 ABORTED: failed to collect enough transaction endorsements',
      ['ProposalResponsePayloads do not match'],
    );
    const retried = scripted([{ endorse: mismatch }, {}]);
    await expect(submit(retried.contract, 'Register', [])).resolves.toMatchObject({ transactionId: 'tx2' });

    const down = endorseError(grpc.ABORTED, '10 ABORTED: failed to endorse transaction', [
      'error in simulation: could not launch chaincode scf_1.0:0a1b: connection refused',
    ]);
    const once = scripted([{ endorse: down }, {}]);
    await expect(submit(once.contract, 'Register', [])).rejects.toMatchObject({
      code: 'CHAINCODE_UNAVAILABLE',
    });
    expect(once.log).toEqual(['endorse tx1']);
  });

  it('reports orderers that refused as ORDERING_UNAVAILABLE', async () => {
    const refused = new SubmitError({
      code: grpc.UNAVAILABLE,
      details: [],
      cause,
      transactionId: 'tx1',
      message: '14 UNAVAILABLE: no orderers could successfully process transaction',
    });
    const { contract } = scripted([{ submit: refused }]);
    const error = await submit(contract, 'Register', []).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LedgerError);
    expect(error).toMatchObject({ code: 'ORDERING_UNAVAILABLE', transactionId: 'tx1' });
  });

  it('ends in OutcomeUnknown when the submit or the commit status times out', async () => {
    const submitTimeout = new SubmitError({
      code: grpc.DEADLINE_EXCEEDED,
      details: [],
      cause,
      transactionId: 'tx1',
      message: '4 DEADLINE_EXCEEDED: submit timeout expired while broadcasting to ordering service',
    });
    const statusTimeout = new CommitStatusError({
      code: grpc.DEADLINE_EXCEEDED,
      details: [],
      cause,
      transactionId: 'tx1',
      message: '4 DEADLINE_EXCEEDED: Deadline exceeded',
    });
    for (const step of [{ submit: submitTimeout }, { status: statusTimeout }]) {
      const { contract } = scripted([step]);
      const error = await submit(contract, 'Register', [], { commitWaitMs: 1_000 }).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(OutcomeUnknown);
      expect(error).toMatchObject({ transactionId: 'tx1' });
    }
  });

  it('reports a transaction invalid at commit with its validation code and block', async () => {
    const { contract } = scripted([{ status: 10 }]);
    const error = await submit(contract, 'Register', []).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransactionInvalid);
    expect(error).toMatchObject({
      code: 'ENDORSEMENT_POLICY_FAILURE',
      validation: 'ENDORSEMENT_POLICY_FAILURE',
      blockNumber: 7n,
    });
  });
});
