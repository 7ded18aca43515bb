import { status as grpc, type ServiceError } from '@grpc/grpc-js';
import { CommitStatusError, EndorseError, type Contract } from '@hyperledger/fabric-gateway';
import { getNamedType, isObjectType } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { argsHash } from '../../src/requests/args-hash.ts';
import { settleApplied } from '../../src/requests/client-requests.ts';
import { PendingWrites, type PendingLedger } from '../../src/requests/pending-writes.ts';
import { buildSchema } from '../../src/schema/index.ts';
import { ledgerOver } from '../support/recording-ledger.ts';
import { startApiHarness, type ApiHarness, type GraphQLResult } from '../support/api-harness.ts';
import { userOf } from '../support/read-model-seed.ts';

const cause = {} as ServiceError;

/** How the ledger double ends the next endorsed proposal. */
type Outcome = 'commit' | 'refuse' | 'unknown';

/**
 * A ledger that reaches no peer: each proposal gets a fresh transaction id, is endorsed after `gate`
 * (to hold a request in flight), and ends as the next of `outcomes` says (commit by default). Its peer
 * answers only for the transactions in `lost` (it holds none of them); its orderers log what they are
 * sent again in `resent`.
 */
function scriptedLedger() {
  const state = {
    /** Ids of the proposals made so far: a request made one once it claimed its key. */
    proposed: [] as string[],
    endorsed: [] as string[],
    outcomes: [] as Outcome[],
    gate: Promise.resolve(),
    lost: new Set<string>(),
    resent: [] as Uint8Array[],
  };
  const peer: PendingLedger = {
    outcomeOf: (id) =>
      state.lost.has(id) ? Promise.resolve(undefined) : Promise.reject(new Error('no peer here')),
    resubmit: (envelope) => {
      state.resent.push(envelope);
      return Promise.resolve();
    },
  };
  let count = 0;
  let block = 100n;
  const contractOf = (): Contract =>
    ({
      newProposal: () => {
        count += 1;
        const id = count.toString(16).padStart(64, 'a');
        state.proposed.push(id);
        return {
          getTransactionId: () => id,
          endorse: async () => {
            await state.gate;
            state.endorsed.push(id);
            const outcome = state.outcomes.shift() ?? 'commit';
            if (outcome === 'refuse') {
              throw new EndorseError({
                code: grpc.ABORTED,
                details: [
                  { address: 'peer0:7012', mspId: 'CoreFirmMSP', message: '[INVALID_STATE] not now' },
                ],
                cause,
                transactionId: id,
                message: '10 ABORTED: failed to endorse transaction',
              });
            }
            const result = new TextEncoder().encode(JSON.stringify({ id: `result-of-${id.slice(-4)}` }));
            return {
              getTransactionId: () => id,
              getResult: () => result,
              submit: () =>
                Promise.resolve({
                  getTransactionId: () => id,
                  getStatus: () => {
                    if (outcome === 'unknown') {
                      return Promise.reject(
                        new CommitStatusError({
                          code: grpc.DEADLINE_EXCEEDED,
                          details: [],
                          cause,
                          transactionId: id,
                          message: '4 DEADLINE_EXCEEDED',
                        }),
                      );
                    }
                    block += 1n;
                    return Promise.resolve({
                      successful: true,
                      code: 0,
                      transactionId: id,
                      blockNumber: block,
                    });
                  },
                }),
            };
          },
        };
      },
    }) as unknown as Contract;
  const ledger = ledgerOver(contractOf);
  return { state, peer, ledgerAs: () => Promise.resolve(ledger) };
}

interface Payload {
  projection: string;
  transactionId: string;
  blockNumber: string | null;
}

const CONFIRM = `mutation($id: ID!, $key: String) {
  confirmInvoice(id: $id, waiveDelivery: true, clientRequestId: $key) { projection transactionId blockNumber } }`;
const CANCEL = `mutation($id: ID!, $key: String) {
  cancelInvoice(id: $id, clientRequestId: $key) { projection transactionId blockNumber } }`;
const STATUS = `query($t: ID, $k: String) {
  transactionStatus(transactionId: $t, clientRequestId: $k) { state transactionId blockNumber reason clientRequestId } }`;

describe('idempotent ledger writes', () => {
  let harness: ApiHarness;
  let ledger: ReturnType<typeof scriptedLedger>;
  const approver = userOf('core');
  const colleague = { ...userOf('core'), id: 'user-core-2', username: 'core2' };

  beforeAll(async () => {
    ledger = scriptedLedger();
    const timing = { SCF_COMMIT_WAIT_MS: 2_000, SCF_RESEND_AFTER_MS: 30_000, SCF_RESEND_LIMIT: 5 };
    harness = await startApiHarness((db) => ({
      ledgerAs: ledger.ledgerAs,
      pendingWrites: new PendingWrites(db, ledger.peer, timing, () => undefined),
    }));
  });
  afterAll(async () => {
    await harness.stop();
  });
  beforeEach(() => {
    ledger.state.endorsed.length = 0;
    ledger.state.outcomes.length = 0;
    ledger.state.gate = Promise.resolve();
  });

  const confirm = (id: string, key?: string, user = approver) =>
    harness.graphql<{ confirmInvoice: Payload }>(CONFIRM, { id, key }, user);
  const codeOf = (result: GraphQLResult): string | undefined => result.errors?.[0]?.extensions?.code;
  const statusBy = async (variables: { t?: string; k?: string }, user = approver) =>
    (await harness.graphql<{ transactionStatus: Record<string, unknown> }>(STATUS, variables, user)).data
      ?.transactionStatus;

  /** The same request with the key in the Idempotency-Key header, and optionally as the argument too. */
  async function withHeader(
    key: string,
    argument?: string,
  ): Promise<GraphQLResult<{ confirmInvoice: Payload }>> {
    const response = await harness.api.fetch('http://node.test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': key,
        authorization: harness.bearer(approver),
      },
      body: JSON.stringify({ query: CONFIRM, variables: { id: 'INV-H', key: argument } }),
    });
    return (await response.json()) as GraphQLResult<{ confirmInvoice: Payload }>;
  }

  it('sends one transaction for two requests with one key, and answers both alike', async () => {
    const first = await confirm('INV-1', 'key-1');
    const second = await confirm('INV-1', 'key-1');
    expect(first.errors).toBeUndefined();
    expect(ledger.state.endorsed).toHaveLength(1);
    expect(second.data?.confirmInvoice).toEqual(first.data?.confirmInvoice);
    expect(first.data?.confirmInvoice).toMatchObject({
      projection: 'APPLIED',
      transactionId: ledger.state.endorsed[0],
    });
  });

  it('sends every request without a key', async () => {
    await confirm('INV-2');
    await confirm('INV-2');
    expect(ledger.state.endorsed).toHaveLength(2);
  });

  it('refuses a key used for other arguments or another mutation', async () => {
    await confirm('INV-3', 'key-3');
    expect(codeOf(await confirm('INV-OTHER', 'key-3'))).toBe('IDEMPOTENCY_KEY_REUSED');
    const cancel = await harness.graphql(CANCEL, { id: 'INV-3', key: 'key-3' }, approver);
    expect(codeOf(cancel)).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(ledger.state.endorsed).toHaveLength(1);
  });

  it('keys are per user: the same key of another user is theirs alone', async () => {
    await confirm('INV-4', 'shared-key');
    await confirm('INV-4', 'shared-key', colleague);
    expect(ledger.state.endorsed).toHaveLength(2);
  });

  it('takes the key from the Idempotency-Key header too, and refuses a header that differs', async () => {
    const first = await withHeader('header-key');
    const again = await confirm('INV-H', 'header-key');
    expect(again.data?.confirmInvoice.transactionId).toBe(first.data?.confirmInvoice.transactionId);
    expect(ledger.state.endorsed).toHaveLength(1);
    expect(codeOf(await withHeader('header-key', 'other-key'))).toBe('INVALID_ARGUMENT');
    expect(codeOf(await withHeader('bad key!'))).toBe('INVALID_ARGUMENT');
    expect(codeOf(await confirm('INV-H', 'x'.repeat(65)))).toBe('INVALID_ARGUMENT');
  });

  it('sends a key afresh once its attempt was refused, keeping the refusal’s code', async () => {
    ledger.state.outcomes.push('refuse');
    const refused = await confirm('INV-5', 'key-5');
    expect(refused.errors?.[0]).toMatchObject({
      message: '[INVALID_STATE] not now',
      extensions: { code: 'INVALID_STATE' },
    });
    expect(await statusBy({ k: 'key-5' })).toMatchObject({ state: 'INVALID', reason: 'INVALID_STATE' });
    const retried = await confirm('INV-5', 'key-5');
    expect(retried.errors).toBeUndefined();
    expect(ledger.state.endorsed).toHaveLength(2);
    expect(await statusBy({ k: 'key-5' })).toMatchObject({ state: 'VALID' });
  });

  it('answers a transaction whose commit was not seen as PENDING, and a retry the same', async () => {
    ledger.state.outcomes.push('unknown');
    const pending = await confirm('INV-6', 'key-6');
    expect(pending.errors).toBeUndefined();
    expect(pending.data?.confirmInvoice).toEqual({
      projection: 'PENDING',
      transactionId: ledger.state.endorsed[0],
      blockNumber: null,
    });
    // The peer cannot be asked in this harness: the status stays PENDING, never a guess.
    expect(await statusBy({ k: 'key-6' })).toMatchObject({ state: 'PENDING', blockNumber: null });
    const again = await confirm('INV-6', 'key-6');
    expect(again.data?.confirmInvoice).toEqual(pending.data?.confirmInvoice);
    expect(ledger.state.endorsed).toHaveLength(1);
  });

  it('makes a second request with a key in flight wait for the first, then answer alike', async () => {
    let open = (): void => undefined;
    ledger.state.gate = new Promise((resolve) => {
      open = resolve;
    });
    const first = confirm('INV-7', 'key-7');
    const second = confirm('INV-7', 'key-7');
    setTimeout(open, 500);
    const [a, b] = await Promise.all([first, second]);
    expect(ledger.state.endorsed).toHaveLength(1);
    expect(a.data?.confirmInvoice.transactionId).toBe(ledger.state.endorsed[0]);
    expect(b.data?.confirmInvoice).toEqual(a.data?.confirmInvoice);
  });

  it('answers IDEMPOTENCY_KEY_IN_USE while the first request is still being endorsed', async () => {
    let open = (): void => undefined;
    ledger.state.gate = new Promise((resolve) => {
      open = resolve;
    });
    const proposedBefore = ledger.state.proposed.length;
    const first = confirm('INV-8', 'key-8');
    // The first claims the key before the second asks (on a loaded machine the second could be first).
    await vi.waitFor(() => {
      expect(ledger.state.proposed).toHaveLength(proposedBefore + 1);
    });
    // Longer than the harness's SCF_COMMIT_WAIT_MS (2 s), which bounds the second request's wait.
    const second = await confirm('INV-8', 'key-8');
    expect(codeOf(second)).toBe('IDEMPOTENCY_KEY_IN_USE');
    open();
    expect((await first).errors).toBeUndefined();
    expect(ledger.state.endorsed).toHaveLength(1);
  });

  it('takes over a key whose request died while endorsing (a crash): nothing had been sent', async () => {
    const old = new Date(Date.now() - 120_000);
    await harness.db.clientRequest.create({
      data: {
        userId: approver.id,
        key: 'key-crashed',
        operation: 'confirmInvoice',
        argsHash: argsHash({ id: 'INV-9', waiveDelivery: true }),
        state: 'ENDORSING',
        attempt: 'dead-request',
        transactionId: 'f'.repeat(64),
        createdAt: old,
        updatedAt: old,
      },
    });
    const done = await confirm('INV-9', 'key-crashed');
    expect(done.errors).toBeUndefined();
    expect(ledger.state.endorsed).toHaveLength(1);
    expect(done.data?.confirmInvoice.transactionId).toBe(ledger.state.endorsed[0]);
  });

  it('sends an overdue transaction the ledger lacks again on a retry with its key, once a turn', async () => {
    const old = new Date(Date.now() - 120_000);
    const transactionId = 'd'.repeat(64);
    const envelope = new Uint8Array([10, 32, 7]);
    ledger.state.lost.add(transactionId);
    await harness.db.clientRequest.create({
      data: {
        userId: approver.id,
        key: 'key-lost',
        operation: 'confirmInvoice',
        argsHash: argsHash({ id: 'INV-12', waiveDelivery: true }),
        state: 'PENDING',
        attempt: 'dead-request',
        transactionId,
        result: '{"id":"INV-12"}',
        envelope,
        sentAt: old,
        createdAt: old,
        updatedAt: old,
      },
    });
    const pending = { projection: 'PENDING', transactionId, blockNumber: null };
    expect((await confirm('INV-12', 'key-lost')).data?.confirmInvoice).toEqual(pending);
    expect(ledger.state.resent).toEqual([envelope]);
    // Sent again just now: a second retry answers alike and sends nothing more.
    expect((await confirm('INV-12', 'key-lost')).data?.confirmInvoice).toEqual(pending);
    expect(ledger.state.resent).toHaveLength(1);
    expect(ledger.state.endorsed).toEqual([]);
  });

  it('tells each user the status of their own transactions only', async () => {
    const done = (await confirm('INV-10', 'key-10')).data?.confirmInvoice;
    const transactionId = done?.transactionId ?? '';
    const valid = { state: 'VALID', transactionId, blockNumber: done?.blockNumber, reason: null };
    expect(await statusBy({ t: transactionId })).toMatchObject({ ...valid, clientRequestId: 'key-10' });
    expect(await statusBy({ k: 'key-10' })).toMatchObject(valid);
    expect(await statusBy({ t: transactionId }, colleague)).toMatchObject({
      state: 'UNKNOWN',
      blockNumber: null,
      reason: null,
    });
    expect(await statusBy({ k: 'key-10' }, colleague)).toMatchObject({ state: 'UNKNOWN' });
    const both = await harness.graphql(STATUS, { t: transactionId, k: 'key-10' }, approver);
    expect(codeOf(both)).toBe('INVALID_ARGUMENT');
    expect(codeOf(await harness.graphql(STATUS, {}, approver))).toBe('INVALID_ARGUMENT');
    expect(codeOf(await harness.graphql(STATUS, { t: transactionId }))).toBe('UNAUTHENTICATED');
  });

  it('settles a PENDING request VALID once the projector applies its transaction', async () => {
    ledger.state.outcomes.push('unknown');
    const transactionId = (await confirm('INV-11', 'key-11')).data?.confirmInvoice.transactionId ?? '';
    await harness.db.$transaction((tx) => settleApplied(tx, [{ transactionId, blockNumber: 555n }]));
    expect(await statusBy({ k: 'key-11' })).toMatchObject({ state: 'VALID', blockNumber: '555' });
    expect((await confirm('INV-11', 'key-11')).data?.confirmInvoice).toMatchObject({
      transactionId,
      blockNumber: '555',
      projection: 'APPLIED',
    });
  });
});

describe('the schema', () => {
  it('gives every mutation that sends a transaction the clientRequestId argument, and only those', () => {
    const mutation = buildSchema().getMutationType();
    const fields = Object.values(mutation?.getFields() ?? {});
    const writes = fields.filter((field) => {
      const type = getNamedType(field.type);
      return isObjectType(type) && 'transactionId' in type.getFields();
    });
    expect(writes.length).toBeGreaterThan(20);
    for (const field of fields) {
      const hasKey = field.args.some((arg) => arg.name === 'clientRequestId');
      expect({ field: field.name, hasKey }).toEqual({ field: field.name, hasKey: writes.includes(field) });
    }
  });
});
