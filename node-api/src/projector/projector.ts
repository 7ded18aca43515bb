import type {
  ChaincodeEvent,
  ChaincodeEventsOptions,
  Checkpoint,
  Network,
} from '@hyperledger/fabric-gateway';
import type { Database } from '../db/client.ts';
import type { ScfLedger } from '../ledger/scf-ledger.ts';
import { settleApplied } from '../requests/client-requests.ts';
import type { Change } from '../services/change-feed.ts';
import { moveCheckpoint } from './checkpoint.ts';
import { EventBatches } from './event-batches.ts';
import { prepareEvent, writeEvent, type PreparedEvent } from './event-writer.ts';
import { describeFailure, isTransient } from './failures.ts';
import { quarantine } from './quarantine.ts';

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;

/** How often an event that fails for its own reasons is tried before it is quarantined. */
export interface RetryPolicy {
  attempts: number;
  /** Wait before the second attempt; doubled before each further one. */
  backoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, backoffMs: 250 };

export interface ProjectorOptions {
  db: Database;
  network: Network;
  /** The org's own service identity (an org admin): reads the private terms its org holds. */
  ledger: ScfLedger;
  chaincode: string;
  /** Names this projector's checkpoint row (one per channel and chaincode). */
  checkpointId: string;
  log?: (message: string) => void;
  /** Called for each event once the SQL transaction holding it committed, with the objects it changed. */
  onApplied?: (applied: AppliedEvent) => void;
  /** Called after an event was quarantined (and the checkpoint moved past it). */
  onQuarantined?: (position: { transactionId: string; blockNumber: bigint }) => void;
  /** Attempts at an event that fails for its own reasons before it is quarantined. */
  retry?: Partial<RetryPolicy>;
}

export interface AppliedEvent {
  transactionId: string;
  blockNumber: bigint;
  changes: Change[];
}

/**
 * Where the projector resumes: right after the last event it applied, or from the genesis block on
 * first run (without either, the gateway would start at the next block and skip history).
 */
async function resumeFrom(db: Database, id: string): Promise<ChaincodeEventsOptions> {
  const row = await db.checkpoint.findUnique({ where: { id } });
  if (!row) return { startBlock: 0n };
  const checkpoint: Checkpoint = {
    getBlockNumber: () => row.blockNumber,
    getTransactionId: () => row.transactionId,
  };
  return { checkpoint };
}

/**
 * Follows the chaincode's events into the read model. The events that arrived while the last ones were
 * written (event-batches.ts) are applied in one SQL transaction together with the checkpoint that names
 * the last of them, so a crash at any moment loses nothing and applies nothing twice; the event stream
 * resumes right after the checkpoint. A broken stream (a restarted peer, say) is reopened from the
 * checkpoint with backoff until `stop`. An event that fails for its own reasons (failures.ts) is tried
 * `retry.attempts` times, then quarantined (quarantine.ts) in the SQL transaction that moves the
 * checkpoint past it: one bad event never stops the read model.
 */
export class Projector {
  private readonly options: ProjectorOptions;
  private readonly retry: RetryPolicy;
  private stopping = false;
  private events: { close: () => void } | undefined;
  private running: Promise<void> | undefined;

  constructor(options: ProjectorOptions) {
    this.options = options;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** Stops following events; resolves once the loop has ended. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.events?.close();
    await this.running;
    this.running = undefined;
  }

  /**
   * Applies one event and advances the checkpoint, atomically; or, when the event keeps failing for
   * its own reasons, quarantines it and advances the checkpoint, atomically. Rejects only for
   * transient failures (database or peer unreachable): the caller retries those from the checkpoint.
   */
  async apply(event: ChaincodeEvent): Promise<void> {
    const position = { transactionId: event.transactionId, blockNumber: event.blockNumber };
    const log = this.options.log ?? (() => undefined);
    for (let attempt = 1; ; attempt += 1) {
      let changes: Change[];
      try {
        changes = await this.applyOnce(event);
      } catch (error) {
        if (isTransient(error)) throw error;
        const why = describeFailure(error);
        if (attempt >= this.retry.attempts) {
          await quarantine(this.options.db, this.options.checkpointId, event, why, attempt);
          log(
            `quarantined event ${event.transactionId} (block ${event.blockNumber}) after ${attempt} attempts: ${why}`,
          );
          this.options.onQuarantined?.(position);
          return;
        }
        const delay = this.retry.backoffMs * 2 ** (attempt - 1);
        log(`event ${event.transactionId} failed (${why}); attempt ${attempt + 1} in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
        continue;
      }
      this.options.onApplied?.({ ...position, changes });
      return;
    }
  }

  /**
   * Applies events in order, all in one SQL transaction with the checkpoint after the last. When the
   * batch fails for a reason of its own (one bad event), each event is applied by itself instead, so
   * that only the bad one is retried and quarantined. Rejects only for transient failures.
   */
  async applyBatch(events: readonly ChaincodeEvent[]): Promise<void> {
    if (events.length === 1 && events[0]) return this.apply(events[0]);
    let applied: AppliedEvent[];
    try {
      applied = await this.applyAll(events);
    } catch (error) {
      if (isTransient(error)) throw error;
      for (const event of events) await this.apply(event);
      return;
    }
    for (const each of applied) this.options.onApplied?.(each);
  }

  private async applyOnce(event: ChaincodeEvent): Promise<Change[]> {
    const [applied] = await this.applyAll([event]);
    return applied?.changes ?? [];
  }

  private async applyAll(events: readonly ChaincodeEvent[]): Promise<AppliedEvent[]> {
    const { db, ledger, checkpointId } = this.options;
    const positions = events.map(({ transactionId, blockNumber }) => ({ transactionId, blockNumber }));
    const last = positions.at(-1);
    if (!last) return [];
    const prepared: PreparedEvent[] = [];
    for (const event of events) prepared.push(await prepareEvent(db, ledger, event.payload));
    return db.$transaction(async (tx) => {
      const applied: AppliedEvent[] = [];
      for (const [index, position] of positions.entries()) {
        const event = prepared[index] as PreparedEvent;
        applied.push({ ...position, changes: await writeEvent(tx, event, position) });
      }
      await settleApplied(tx, positions);
      await moveCheckpoint(tx, checkpointId, last);
      return applied;
    });
  }

  /** A method, not a field read: `stop` flips the flag while the loop awaits. */
  private isStopping(): boolean {
    return this.stopping;
  }

  private async loop(): Promise<void> {
    const { db, network, chaincode, checkpointId } = this.options;
    const log = this.options.log ?? (() => undefined);
    let delay = RETRY_MIN_MS;
    while (!this.isStopping()) {
      try {
        const events = await network.getChaincodeEvents(chaincode, await resumeFrom(db, checkpointId));
        this.events = events;
        try {
          const batches = new EventBatches(events);
          for (let batch = await batches.next(); batch; batch = await batches.next()) {
            await this.applyBatch(batch);
            delay = RETRY_MIN_MS;
          }
        } finally {
          events.close();
        }
      } catch (error) {
        if (this.isStopping()) break;
        log(`projection paused (${describeFailure(error)}); resuming from the checkpoint in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, RETRY_MAX_MS);
      }
    }
  }
}
