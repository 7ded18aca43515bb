import type {
  ChaincodeEvent,
  ChaincodeEventsOptions,
  Checkpoint,
  Network,
} from '@hyperledger/fabric-gateway';
import type { EventPayload } from '../../../chaincode/src/lib/events.ts';
import type { Financing, OfferTerms } from '../../../chaincode/src/model/financing.ts';
import type { Database } from '../db/client.ts';
import { LedgerError } from '../ledger/errors.ts';
import type { ScfLedger } from '../ledger/scf-ledger.ts';
import type { Change } from '../services/change-feed.ts';
import { changeOf, partiesOf } from './parties.ts';
import { projectRecord, termsRow } from './rows.ts';

const decoder = new TextDecoder();
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;

export interface ProjectorOptions {
  db: Database;
  network: Network;
  /** The org's own service identity (an org admin): reads the private terms its org holds. */
  ledger: ScfLedger;
  chaincode: string;
  /** Names this projector's checkpoint row (one per channel and chaincode). */
  checkpointId: string;
  log?: (message: string) => void;
  /** Called after each event's SQL transaction committed, with the objects it changed. */
  onApplied?: (applied: AppliedEvent) => void;
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
 * Follows the chaincode's events into the read model. Each event is applied in one SQL transaction
 * together with the checkpoint that names it, so a crash at any moment loses nothing and applies
 * nothing twice; the event stream resumes right after the checkpoint. A broken stream (a restarted
 * peer, say) is reopened from the checkpoint with backoff until `stop`.
 */
export class Projector {
  private readonly options: ProjectorOptions;
  private stopping = false;
  private events: { close: () => void } | undefined;
  private running: Promise<void> | undefined;

  constructor(options: ProjectorOptions) {
    this.options = options;
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

  /** Applies one event and advances the checkpoint, atomically. */
  async apply(event: ChaincodeEvent): Promise<void> {
    const { db, checkpointId } = this.options;
    const payload = JSON.parse(decoder.decode(event.payload)) as Partial<EventPayload>;
    const records = payload.records ?? [];
    const terms = await this.privateTerms(records.filter((r): r is Financing => r.docType === 'financing'));
    const position = { transactionId: event.transactionId, blockNumber: event.blockNumber };
    const changes: Change[] = [];
    await db.$transaction(async (tx) => {
      for (const record of records) {
        await projectRecord(tx, record, event.blockNumber);
        changes.push(changeOf(record, await partiesOf(tx, record), position));
      }
      for (const row of terms)
        await tx.offerTerms.upsert({ where: { financingId: row.financingId }, create: row, update: row });
      const checkpoint = {
        blockNumber: event.blockNumber,
        transactionId: event.transactionId,
        updatedAt: new Date(),
      };
      await tx.checkpoint.upsert({
        where: { id: checkpointId },
        create: { id: checkpointId, ...checkpoint },
        update: checkpoint,
      });
    });
    this.options.onApplied?.({ ...position, changes });
  }

  /**
   * The offer terms this org holds for the financings of an event (read before the SQL transaction).
   * FORBIDDEN means the org is neither applicant nor bank: it has no copy, by design.
   */
  private async privateTerms(financings: Financing[]): Promise<ReturnType<typeof termsRow>[]> {
    const rows: ReturnType<typeof termsRow>[] = [];
    for (const financing of financings) {
      if (financing.termsHash === undefined) continue;
      // Later events of the financing (accept, disburse, …) carry the same hash: fetch the terms once.
      const stored = await this.options.db.offerTerms.findUnique({ where: { financingId: financing.id } });
      if (stored?.termsHash === financing.termsHash) continue;
      let terms: OfferTerms;
      try {
        terms = await this.options.ledger.financings.orgTerms(financing.id);
      } catch (error) {
        if (error instanceof LedgerError && error.code === 'FORBIDDEN') continue;
        throw error;
      }
      rows.push(termsRow({ ...terms, financingId: financing.id }, financing.termsHash));
    }
    return rows;
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
          for await (const event of events) {
            await this.apply(event);
            delay = RETRY_MIN_MS;
          }
        } finally {
          events.close();
        }
      } catch (error) {
        if (this.isStopping()) break;
        log(`event stream broke (${(error as Error).message}); resuming in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, RETRY_MAX_MS);
      }
    }
  }
}
