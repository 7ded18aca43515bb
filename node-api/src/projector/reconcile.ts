import type { LedgerRecord, ObjectType } from '@scf/ledger-contract';
import type { Database } from '../db/client.ts';
import type { ScfLedger } from '../ledger/scf-ledger.ts';
import { listQuarantined } from './quarantine.ts';
import { delegateOf, ENTITY_KINDS, OBJECT_TYPES } from '../read-model/entity-kinds.ts';
import { toRow } from './rows.ts';

export interface Difference {
  /** The object's type, or `event` for a quarantined event. */
  type: LedgerRecord['docType'] | 'event';
  /** The object's id, or the quarantined event's transaction id. */
  id: string;
  /**
   * missing: on the ledger, not in the read model; extra: the other way round; different: fields differ;
   * quarantined: an event the projector could not apply (see quarantine.ts, npm run replay-quarantine).
   */
  problem: 'missing' | 'extra' | 'different' | 'quarantined';
  fields: string[];
  /** For a quarantined event: its block, name and error. */
  detail?: string;
}

const PAGE_SIZE = 100;

/**
 * Comparable text of a column value: dates as ISO strings, big integers as digits, JSON with its keys
 * sorted (PostgreSQL's jsonb keeps its own key order).
 */
function comparable(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value ?? null, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
}

async function* ledgerRecords(ledger: ScfLedger, type: ObjectType): AsyncGenerator<LedgerRecord> {
  let bookmark = '';
  do {
    const page = await ledger.ledger.ListAll({ type, pageSize: PAGE_SIZE, bookmark });
    yield* page.items;
    bookmark = page.bookmark;
  } while (bookmark !== '');
}

/**
 * Compares every ledger object the caller can read with the read model and returns each
 * difference, then every quarantined event (the read model lacks what it wrote). Block numbers are
 * not compared: the ledger's state does not record them.
 */
export async function reconcile(db: Database, ledger: ScfLedger): Promise<Difference[]> {
  const differences: Difference[] = [];
  for (const type of OBJECT_TYPES) {
    const rows = delegateOf(db, ENTITY_KINDS[type].entity);
    const seen = new Set<string>();
    for await (const record of ledgerRecords(ledger, type)) {
      seen.add(record.id);
      const expected = toRow(record, 0n);
      const actual = await rows.findUnique({ where: { id: record.id } });
      if (!actual) {
        differences.push({ type, id: record.id, problem: 'missing', fields: [] });
        continue;
      }
      const stored: Record<string, unknown> = actual;
      const fields = Object.entries(expected)
        .filter(
          ([field, value]) => field !== 'blockNumber' && comparable(value) !== comparable(stored[field]),
        )
        .map(([field]) => field);
      if (fields.length > 0) differences.push({ type, id: record.id, problem: 'different', fields });
    }
    for (const { id } of await rows.findMany({ select: { id: true } })) {
      if (!seen.has(id)) differences.push({ type, id, problem: 'extra', fields: [] });
    }
  }
  for (const event of await listQuarantined(db)) {
    const detail = `block ${event.blockNumber.toString()}, ${event.eventName}: ${event.error}`;
    differences.push({ type: 'event', id: event.transactionId, problem: 'quarantined', fields: [], detail });
  }
  return differences;
}
