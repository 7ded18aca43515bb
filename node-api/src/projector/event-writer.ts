import {
  type EventPayload,
  type ExposureDelta,
  ExposureMeasures,
  type Financing,
  type LedgerRecord,
  type OfferTerms,
  type WriteOffBook,
} from '@scf/ledger-contract';
import type { Database } from '../db/client.ts';
import { LedgerError } from '../ledger/errors.ts';
import type { ScfLedger } from '../ledger/scf-ledger.ts';
import type { Change } from '../services/change-feed.ts';
import { delegateOf, ENTITY_KINDS } from '../read-model/entity-kinds.ts';
import { changeOf } from './parties.ts';
import type { Tx } from '../db/client.ts';
import { projectRecord, termsRow } from './rows.ts';
import { fetchWriteOffBooks, writeOffBanksOf, writeWriteOffBook } from './write-off-books.ts';

const decoder = new TextDecoder();

type TermsRow = ReturnType<typeof termsRow>;

/** What an event writes, read before its SQL transaction (private terms come from the peer). */
export interface PreparedEvent {
  records: LedgerRecord[];
  terms: TermsRow[];
  /** The transaction's changes to core enterprises' consortium-wide figures. */
  exposure: ExposureDelta[];
  /** The private write-off books of banks this org hosts that the transaction changed. */
  writeOffBooks: WriteOffBook[];
}

const SIGNED_FEN = /^-?[1-9][0-9]*$/;

/** The event's exposure entries, checked: a malformed one fails the event (and so quarantines it). */
function exposureOf(value: unknown): ExposureDelta[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TypeError('the event payload has exposure that is not a list');
  return value.map((entry: unknown) => {
    const { debtorId, measure, amount } = (entry ?? {}) as Partial<Record<keyof ExposureDelta, unknown>>;
    if (
      typeof debtorId !== 'string' ||
      !(ExposureMeasures as readonly unknown[]).includes(measure) ||
      typeof amount !== 'string' ||
      !SIGNED_FEN.test(amount)
    ) {
      throw new TypeError('the event payload has a malformed exposure entry');
    }
    return { debtorId, measure: measure as ExposureDelta['measure'], amount };
  });
}

/** Parses an event's payload and fetches the private terms its financings carry a new hash of. */
export async function prepareEvent(
  db: Database,
  ledger: ScfLedger,
  payload: Uint8Array,
): Promise<PreparedEvent> {
  const parsed = JSON.parse(decoder.decode(payload)) as Partial<EventPayload> | null;
  const records = parsed?.records ?? [];
  if (!Array.isArray(records)) throw new TypeError('the event payload has no list of records');
  const financings = records.filter((r): r is Financing => r.docType === 'financing');
  return {
    records,
    terms: await privateTerms(db, ledger, financings),
    exposure: exposureOf(parsed?.exposure),
    writeOffBooks: await fetchWriteOffBooks(ledger, writeOffBanksOf(parsed?.writeOffBooks)),
  };
}

/**
 * Writes an event's records and terms in the caller's SQL transaction; returns the changes to publish.
 * `keepNewer` (replaying a quarantined event) leaves alone every row a later block already wrote.
 */
export async function writeEvent(
  tx: Tx,
  prepared: PreparedEvent,
  position: { transactionId: string; blockNumber: bigint },
  options: { keepNewer?: boolean } = {},
): Promise<Change[]> {
  const written: LedgerRecord[] = [];
  for (const record of prepared.records) {
    if (options.keepNewer && (await newerRowExists(tx, record, position.blockNumber))) continue;
    await projectRecord(tx, record, position.blockNumber);
    written.push(record);
  }
  // Keyed by debtor, measure and transaction as on the ledger: a replay adds nothing twice.
  if (prepared.exposure.length > 0) {
    await tx.exposureDelta.createMany({
      data: prepared.exposure.map((delta) => ({
        debtorId: delta.debtorId,
        measure: delta.measure,
        txId: position.transactionId,
        amount: BigInt(delta.amount),
        blockNumber: position.blockNumber,
      })),
      skipDuplicates: true,
    });
  }
  for (const book of prepared.writeOffBooks) await writeWriteOffBook(tx, book, position.blockNumber);
  const writtenIds = new Set(written.map((record) => record.id));
  for (const row of prepared.terms) {
    if (!writtenIds.has(row.financingId)) continue;
    await tx.offerTerms.upsert({ where: { financingId: row.financingId }, create: row, update: row });
  }
  // Who may see each change, once the whole event is written (a voucher's new financing counts).
  const changes: Change[] = [];
  for (const record of written) changes.push(await changeOf(tx, record, position));
  return changes;
}

async function newerRowExists(tx: Tx, record: LedgerRecord, blockNumber: bigint): Promise<boolean> {
  // A quarantined event may carry a type this node does not know: nothing of it is newer.
  if (!Object.hasOwn(ENTITY_KINDS, record.docType)) return false;
  const row = await delegateOf(tx, ENTITY_KINDS[record.docType].entity).findUnique({
    where: { id: record.id },
  });
  return row !== null && row.blockNumber > blockNumber;
}

/**
 * The offer terms this org holds for the financings of an event (read before the SQL transaction).
 * FORBIDDEN means the org is neither applicant nor bank: it has no copy, by design.
 */
async function privateTerms(db: Database, ledger: ScfLedger, financings: Financing[]): Promise<TermsRow[]> {
  const rows: TermsRow[] = [];
  for (const financing of financings) {
    if (financing.termsHash === undefined) continue;
    // Later events of the financing (accept, disburse, …) carry the same hash: fetch the terms once.
    const stored = await db.offerTerms.findUnique({ where: { financingId: financing.id } });
    if (stored?.termsHash === financing.termsHash) continue;
    let terms: OfferTerms;
    try {
      terms = await ledger.financing.GetOrgTerms({ financingId: financing.id });
    } catch (error) {
      if (error instanceof LedgerError && error.code === 'FORBIDDEN') continue;
      throw error;
    }
    rows.push(termsRow({ ...terms, financingId: financing.id }, financing.termsHash));
  }
  return rows;
}
