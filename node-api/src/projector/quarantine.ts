import type { ChaincodeEvent } from '@hyperledger/fabric-gateway';
import type { Database } from '../db/client.ts';
import type { ScfLedger } from '../ledger/scf-ledger.ts';
import { settleApplied } from '../requests/client-requests.ts';
import { moveCheckpoint } from './checkpoint.ts';
import { describeFailure, isTransient } from './failures.ts';
import { prepareEvent, writeEvent } from './event-writer.ts';

/** Longest event name kept (the chaincode's names are short; this one came from the peer). */
const MAX_EVENT_NAME = 200;
/* eslint-disable-next-line no-control-regex -- control characters are what this removes */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Puts an event the projector could not apply into `quarantined_events` (its transaction id, block,
 * name, exact payload and the error) and moves the checkpoint past it, in one SQL transaction: after a
 * crash either both happened or neither, and the stream resumes after the event either way.
 */
export async function quarantine(
  db: Database,
  checkpointId: string,
  event: ChaincodeEvent,
  error: string,
  attempts: number,
): Promise<void> {
  const now = new Date();
  const { transactionId, blockNumber } = event;
  const failure = { error, attempts, failedAt: now };
  await db.$transaction(async (tx) => {
    await tx.quarantinedEvent.upsert({
      where: { transactionId },
      create: {
        transactionId,
        blockNumber,
        eventName: event.eventName.replace(CONTROL, '').slice(0, MAX_EVENT_NAME),
        payload: new Uint8Array(event.payload),
        quarantinedAt: now,
        ...failure,
      },
      update: failure,
    });
    // The read model lacks its writes, but the transaction is valid on the ledger all the same.
    await settleApplied(tx, [{ transactionId, blockNumber }]);
    await moveCheckpoint(tx, checkpointId, { transactionId, blockNumber });
  });
}

/** How many events are in quarantine (every row is unresolved: a replay that applies one removes it). */
export function countQuarantined(db: Database): Promise<number> {
  return db.quarantinedEvent.count();
}

export interface QuarantinedSummary {
  transactionId: string;
  blockNumber: bigint;
  eventName: string;
  error: string;
  attempts: number;
  failedAt: Date;
}

/** The quarantined events, oldest block first, without their payloads. */
export function listQuarantined(db: Database): Promise<QuarantinedSummary[]> {
  return db.quarantinedEvent.findMany({
    select: {
      transactionId: true,
      blockNumber: true,
      eventName: true,
      error: true,
      attempts: true,
      failedAt: true,
    },
    orderBy: [{ blockNumber: 'asc' }, { transactionId: 'asc' }],
  });
}

export interface ReplayResult {
  /** Transactions whose events now applied, and left quarantine. */
  applied: string[];
  /** Those that still fail, kept with their new error. */
  failed: { transactionId: string; error: string }[];
}

/**
 * Tries every quarantined event again, oldest first (after a fix of the projector, the database or
 * the data): one that applies is written and leaves quarantine in one SQL transaction; one that still
 * fails stays, with its new error and one more attempt. A row that a later block already wrote is left
 * as it is, so a replay never turns an object back to an older version. The checkpoint does not move.
 * A transient failure (database or peer unreachable) stops the replay: run it again later.
 */
export async function replayQuarantined(db: Database, ledger: ScfLedger): Promise<ReplayResult> {
  const result: ReplayResult = { applied: [], failed: [] };
  const rows = await db.quarantinedEvent.findMany({
    orderBy: [{ blockNumber: 'asc' }, { transactionId: 'asc' }],
  });
  for (const row of rows) {
    const { transactionId, blockNumber } = row;
    try {
      const prepared = await prepareEvent(db, ledger, row.payload);
      await db.$transaction(async (tx) => {
        await writeEvent(tx, prepared, { transactionId, blockNumber }, { keepNewer: true });
        await tx.quarantinedEvent.delete({ where: { transactionId } });
      });
      result.applied.push(transactionId);
    } catch (error) {
      if (isTransient(error)) throw error;
      const why = describeFailure(error);
      await db.quarantinedEvent.update({
        where: { transactionId },
        data: { error: why, attempts: { increment: 1 }, failedAt: new Date() },
      });
      result.failed.push({ transactionId, error: why });
    }
  }
  return result;
}
