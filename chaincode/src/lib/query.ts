import type { Context } from 'fabric-contract-api';
import {
  type LedgerRecord,
  type ObjectType,
  requireCleanString,
  requireInt,
  unmarshal,
} from '@scf/ledger-contract';
import { findRecord } from './store';

export const MAX_PAGE_SIZE = 100;

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; empty when there is none. */
  bookmark: string;
}

interface Entry {
  key: string;
  value: Uint8Array;
}

/**
 * One page of the state entries under a composite-key prefix, in key order. Paginated range
 * queries run only in evaluated (read-only) transactions, which is where queries belong.
 */
async function pageOfEntries(
  ctx: Context,
  prefix: string,
  values: string[],
  pageSizeArg: string,
  bookmark: string,
): Promise<{ entries: Entry[]; bookmark: string }> {
  const pageSize = requireInt(pageSizeArg, 'pageSize', 1, MAX_PAGE_SIZE);
  values.forEach((value, index) => requireCleanString(value, `query value ${index + 1}`));
  const { iterator, metadata } = await ctx.stub.getStateByPartialCompositeKeyWithPagination(
    prefix,
    values,
    pageSize,
    bookmark,
  );
  const entries: Entry[] = [];
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      entries.push({ key: next.value.key, value: next.value.value });
    }
  } finally {
    await iterator.close();
  }
  return { entries, bookmark: entries.length < pageSize ? '' : metadata.bookmark };
}

/** The record id an index entry points at: the last attribute of its key. */
function indexedId(ctx: Context, key: string): string | undefined {
  const { attributes } = ctx.stub.splitCompositeKey(key);
  return attributes[attributes.length - 1];
}

/** One page of records found through an index (`index → values..., id`), in key order. */
export async function pageByIndex<T extends LedgerRecord>(
  ctx: Context,
  type: ObjectType,
  index: string,
  values: string[],
  pageSizeArg: string,
  bookmark: string,
): Promise<Page<T>> {
  const page = await pageOfEntries(ctx, index, values, pageSizeArg, bookmark);
  const items: T[] = [];
  for (const { key } of page.entries) {
    const id = indexedId(ctx, key);
    const record = id === undefined ? undefined : await findRecord<T>(ctx, type, id);
    if (record) items.push(record);
  }
  return { items, bookmark: page.bookmark };
}

/** One page of every record of a type, in key order. */
export async function pageOfType(
  ctx: Context,
  type: ObjectType,
  pageSizeArg: string,
  bookmark: string,
): Promise<Page<LedgerRecord>> {
  const page = await pageOfEntries(ctx, type, [], pageSizeArg, bookmark);
  return {
    items: page.entries.map((entry) => unmarshal<LedgerRecord>(entry.value)),
    bookmark: page.bookmark,
  };
}

/** Every id under an index prefix (bounded use only: lineage trees, sweeps with a limit). */
export async function idsByIndex(
  ctx: Context,
  index: string,
  values: string[],
  limit: number,
): Promise<string[]> {
  const iterator = await ctx.stub.getStateByPartialCompositeKey(index, values);
  const ids: string[] = [];
  try {
    for (let next = await iterator.next(); !next.done && ids.length < limit; next = await iterator.next()) {
      const id = indexedId(ctx, next.value.key);
      if (id !== undefined) ids.push(id);
    }
  } finally {
    await iterator.close();
  }
  return ids;
}
