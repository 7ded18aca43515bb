import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransactionOutcome } from '../../src/ledger/blocks.ts';
import type { RequestRow } from '../../src/requests/client-requests.ts';
import { PendingWrites, type PendingLedger } from '../../src/requests/pending-writes.ts';
import { startFreshDatabase, type FreshDatabase } from '../support/fresh-database.ts';

const MINUTE = 60_000;
/** Past the sender's window (5 s submit + 2 s commit wait + 5 s slack) and the 30 s resend delay. */
const OVERDUE = 10 * MINUTE;
const TIMING = { SCF_COMMIT_WAIT_MS: 2_000, SCF_RESEND_AFTER_MS: 30_000, SCF_RESEND_LIMIT: 2 };
const ENVELOPE = new Uint8Array([10, 32, 1, 2, 3]);

/**
 * A peer that holds the transactions of `outcomes` (an Error: it cannot be asked) and none other, and
 * orderers that log what they are sent (failing while `refuse` is set).
 */
function fakeLedger() {
  const state = {
    outcomes: new Map<string, TransactionOutcome | Error>(),
    sent: [] as Uint8Array[],
    refuse: false,
  };
  const ledger: PendingLedger = {
    outcomeOf: (id) => {
      const outcome = state.outcomes.get(id);
      return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
    },
    resubmit: (envelope) => {
      state.sent.push(envelope);
      return state.refuse ? Promise.reject(new Error('no orderers')) : Promise.resolve();
    },
  };
  return { state, ledger };
}

describe('pending writes', () => {
  let database: FreshDatabase;
  let count = 0;

  beforeAll(async () => {
    database = await startFreshDatabase();
  });
  afterAll(async () => {
    await database.stop();
  });

  /** A PENDING row whose transaction was last sent `agoMs` ago, with its envelope kept. */
  function pendingRow(agoMs = OVERDUE, data: Partial<RequestRow> = {}): Promise<RequestRow> {
    count += 1;
    const sent = new Date(Date.now() - agoMs);
    return database.db.clientRequest.create({
      data: {
        userId: 'user-1',
        key: `key-${String(count)}`,
        operation: 'confirmInvoice',
        argsHash: 'a'.repeat(64),
        state: 'PENDING',
        attempt: `attempt-${String(count)}`,
        transactionId: count.toString(16).padStart(64, 'c'),
        result: '{"id":"INV-1"}',
        envelope: ENVELOPE,
        sentAt: sent,
        createdAt: sent,
        updatedAt: sent,
        ...data,
      },
    });
  }

  const setup = () => {
    const { state, ledger } = fakeLedger();
    const log: string[] = [];
    const pending = new PendingWrites(database.db, ledger, TIMING, (line) => log.push(line));
    return { state, pending, log };
  };
  const reread = (row: RequestRow) => database.db.clientRequest.findUniqueOrThrow({ where: { id: row.id } });

  it('settles a row as the ledger holds it, and drops its envelope', async () => {
    const { state, pending } = setup();
    const valid = await pendingRow();
    const invalid = await pendingRow();
    state.outcomes.set(valid.transactionId ?? '', { validationCode: 0, blockNumber: 41n });
    state.outcomes.set(invalid.transactionId ?? '', { validationCode: 11, blockNumber: 42n });
    expect((await pending.advance(valid)).step).toBe('settled');
    expect((await pending.advance(invalid)).step).toBe('settled');
    expect(await reread(valid)).toMatchObject({ state: 'VALID', blockNumber: 41n, envelope: null });
    expect(await reread(invalid)).toMatchObject({
      state: 'INVALID',
      reason: 'MVCC_READ_CONFLICT',
      blockNumber: 42n,
      envelope: null,
    });
    expect(state.sent).toEqual([]);
  });

  it('sends an overdue transaction the ledger does not hold again, once per turn', async () => {
    const { state, pending } = setup();
    const row = await pendingRow();
    const [first, second] = await Promise.all([pending.advance(row), pending.advance(row)]);
    expect([first.step, second.step].sort()).toEqual(['resent', 'waiting']);
    expect(state.sent).toEqual([ENVELOPE]);
    const after = await reread(row);
    expect(after).toMatchObject({ state: 'PENDING', resends: 1 });
    expect(Date.now() - (after.sentAt?.getTime() ?? 0)).toBeLessThan(MINUTE);
    // Just sent: left alone until the resend delay has passed again.
    expect((await pending.advance(after)).step).toBe('waiting');
    expect(state.sent).toHaveLength(1);
  });

  it('leaves a transaction alone while its sender may still wait, or until the resend delay', async () => {
    const { state, pending } = setup();
    const recent = await pendingRow(20_000);
    expect((await pending.advance(recent)).step).toBe('waiting');
    expect(state.sent).toEqual([]);
  });

  it('counts a send that failed, and gives up after the limit while the ledger still lacks it', async () => {
    const { state, pending, log } = setup();
    state.refuse = true;
    const row = await pendingRow(OVERDUE, { resends: 1 });
    expect((await pending.advance(row)).step).toBe('resent');
    const later = Date.now() + OVERDUE;
    const { row: failed, step } = await pending.advance(await reread(row), later);
    expect(step).toBe('abandoned');
    expect(failed).toMatchObject({ state: 'FAILED', reason: 'ORDERING_UNAVAILABLE', envelope: null });
    expect(state.sent).toHaveLength(1);
    expect(log.join('\n')).toMatch(/send 2\/2 failed[\s\S]*FAILED \(ORDERING_UNAVAILABLE\)/);
  });

  it('never gives up or sends while the peer cannot be asked, nor on a DUPLICATE_TXID', async () => {
    const { state, pending } = setup();
    const unasked = await pendingRow(OVERDUE, { resends: 2 });
    const duplicate = await pendingRow();
    state.outcomes.set(unasked.transactionId ?? '', new Error('peer down'));
    state.outcomes.set(duplicate.transactionId ?? '', { validationCode: 9, blockNumber: 43n });
    expect((await pending.advance(unasked)).step).toBe('unreachable');
    expect((await pending.advance(duplicate)).step).toBe('waiting');
    expect(await reread(unasked)).toMatchObject({ state: 'PENDING', resends: 2 });
    expect(await reread(duplicate)).toMatchObject({ state: 'PENDING', resends: 0 });
    expect(state.sent).toEqual([]);
  });

  it('waits as long for a row with no envelope kept, then gives it up', async () => {
    const { state, pending } = setup();
    const row = await pendingRow(MINUTE, { envelope: null });
    expect((await pending.advance(row)).step).toBe('waiting');
    expect((await pending.advance(row, Date.now() + MINUTE)).step).toBe('abandoned');
    expect(state.sent).toEqual([]);
  });

  it('sweeps only overdue PENDING rows, one sweep at a time', async () => {
    await database.db.clientRequest.updateMany({ where: { state: 'PENDING' }, data: { state: 'FAILED' } });
    const { state, pending } = setup();
    const overdue = await pendingRow();
    await pendingRow(1_000);
    const [first, joined] = [pending.sweep(), pending.sweep()];
    expect(joined).toBe(first);
    expect(await first).toEqual(['resent']);
    expect(state.sent).toEqual([ENVELOPE]);
    expect(await reread(overdue)).toMatchObject({ resends: 1 });
    await pending.stop();
  });
});
