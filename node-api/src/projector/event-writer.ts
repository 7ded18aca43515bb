import type { EventPayload, Financing, LedgerRecord, OfferTerms } from '@scf/ledger-contract';
import type { Database } from '../db/client.ts';
import { LedgerError } from '../ledger/errors.ts';
import type { ScfLedger } from '../ledger/scf-ledger.ts';
import type { Change } from '../services/change-feed.ts';
import { changeOf, partiesOf } from './parties.ts';
import { projectRecord, TABLES, termsRow, type Tx } from './rows.ts';

const decoder = new TextDecoder();

type TermsRow = ReturnType<typeof termsRow>;

/** What an event writes, read before its SQL transaction (private terms come from the peer). */
export interface PreparedEvent {
  records: LedgerRecord[];
  terms: TermsRow[];
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
  return { records, terms: await privateTerms(db, ledger, financings) };
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
  const changes: Change[] = [];
  const written = new Set<string>();
  for (const record of prepared.records) {
    if (options.keepNewer && (await newerRowExists(tx, record, position.blockNumber))) continue;
    await projectRecord(tx, record, position.blockNumber);
    written.add(record.id);
    changes.push(changeOf(record, await partiesOf(tx, record), position));
  }
  for (const row of prepared.terms) {
    if (!written.has(row.financingId)) continue;
    await tx.offerTerms.upsert({ where: { financingId: row.financingId }, create: row, update: row });
  }
  return changes;
}

interface BlockFinder {
  findUnique: (args: {
    where: { id: string };
    select: { blockNumber: true };
  }) => Promise<{ blockNumber: bigint } | null>;
}

async function newerRowExists(tx: Tx, record: LedgerRecord, blockNumber: bigint): Promise<boolean> {
  const table = (TABLES as Record<string, string | undefined>)[record.docType];
  if (!table) return false;
  const rows = (tx as unknown as Record<string, BlockFinder>)[table];
  const row = await rows?.findUnique({ where: { id: record.id }, select: { blockNumber: true } });
  return row !== null && row !== undefined && row.blockNumber > blockNumber;
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
      terms = await ledger.financings.orgTerms(financing.id);
    } catch (error) {
      if (error instanceof LedgerError && error.code === 'FORBIDDEN') continue;
      throw error;
    }
    rows.push(termsRow({ ...terms, financingId: financing.id }, financing.termsHash));
  }
  return rows;
}
