import type { Context } from 'fabric-contract-api';
import {
  ContractError,
  ErrorCodes,
  type LedgerRecord,
  type ObjectType,
  marshal,
  requireCleanString,
  unmarshal,
} from '@scf/ledger-contract';

/** Fabric treats an empty value as a delete, so index entries store one NUL byte. */
const INDEX_VALUE = Buffer.from([0]);

/** A record's key; ids come from arguments, so one with a control character (U+0000 splits keys) is refused. */
export function recordKey(ctx: Context, type: ObjectType, id: string): string {
  return ctx.stub.createCompositeKey(type, [requireCleanString(id, `${type} id`)]);
}

/**
 * What each transaction (its stub) has read, by key. A transaction reads committed state only, never
 * its own writes, so a second read of a key gives the first one's bytes: keeping them spares the peer
 * a round trip when several checks of one transaction read the same record (the charter, the
 * caller's enterprise). Bytes, not records, so that no caller can change what another one reads.
 */
const readsOf = new WeakMap<object, Map<string, Uint8Array>>();

async function readState(ctx: Context, key: string): Promise<Uint8Array> {
  let reads = readsOf.get(ctx.stub);
  if (!reads) {
    reads = new Map();
    readsOf.set(ctx.stub, reads);
  }
  let bytes = reads.get(key);
  if (!bytes) {
    bytes = await ctx.stub.getState(key);
    reads.set(key, bytes);
  }
  return bytes;
}

export async function findRecord<T extends LedgerRecord>(
  ctx: Context,
  type: ObjectType,
  id: string,
): Promise<T | undefined> {
  const bytes = await readState(ctx, recordKey(ctx, type, id));
  return bytes.length === 0 ? undefined : unmarshal<T>(bytes);
}

export async function getRecord<T extends LedgerRecord>(
  ctx: Context,
  type: ObjectType,
  id: string,
): Promise<T> {
  const record = await findRecord<T>(ctx, type, id);
  if (!record) throw new ContractError(ErrorCodes.NotFound, `${type} ${id} does not exist`);
  return record;
}

/** Who writes, as recorded in `updatedBy`: enterprise/role@MSP. */
export function actorLabel(ctx: Context): string {
  const identity = ctx.clientIdentity;
  const enterprise = identity.getAttributeValue('scf.enterpriseId') ?? '-';
  const role = identity.getAttributeValue('scf.role') ?? '-';
  return `${enterprise}/${role}@${identity.getMSPID()}`;
}

/** Writes a record, stamping when, by which transaction and by whom it was last written. */
export async function putRecord<T extends LedgerRecord>(ctx: Context, record: T, now: string): Promise<T> {
  const stamped: T = { ...record, updatedAt: now, txId: ctx.stub.getTxID(), updatedBy: actorLabel(ctx) };
  await ctx.stub.putState(recordKey(ctx, record.docType, record.id), Buffer.from(marshal(stamped)));
  return stamped;
}

/** Secondary index entry `index → (values..., id)`, for lookups by enterprise, status or date. */
export async function putIndex(ctx: Context, index: string, values: string[], id: string): Promise<void> {
  await ctx.stub.putState(ctx.stub.createCompositeKey(index, [...values, id]), INDEX_VALUE);
}

export async function deleteIndex(ctx: Context, index: string, values: string[], id: string): Promise<void> {
  await ctx.stub.deleteState(ctx.stub.createCompositeKey(index, [...values, id]));
}

/** Moves an index entry when an indexed value changes (for example a status). */
export async function moveIndex(
  ctx: Context,
  index: string,
  from: string[],
  to: string[],
  id: string,
): Promise<void> {
  if (from.join('\u0000') === to.join('\u0000')) return;
  await deleteIndex(ctx, index, from, id);
  await putIndex(ctx, index, to, id);
}
