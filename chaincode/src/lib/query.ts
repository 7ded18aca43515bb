import type { Context } from 'fabric-contract-api';
import type { LedgerRecord, ObjectType } from '../model/record';
import { requireInt } from './validation';
import { findRecord } from './store';

export const MAX_PAGE_SIZE = 100;

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; empty when there is none. */
  bookmark: string;
}

/**
 * One page of records found through an index (`index → values..., id`), in key order. Paginated
 * range queries run only in evaluated (read-only) transactions, which is where queries belong.
 */
export async function pageByIndex<T extends LedgerRecord>(
  ctx: Context,
  type: ObjectType,
  index: string,
  values: string[],
  pageSizeArg: string,
  bookmark: string,
): Promise<Page<T>> {
  const pageSize = requireInt(pageSizeArg, 'pageSize', 1, MAX_PAGE_SIZE);
  const { iterator, metadata } = await ctx.stub.getStateByPartialCompositeKeyWithPagination(
    index,
    values,
    pageSize,
    bookmark,
  );
  const ids: string[] = [];
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const { attributes } = ctx.stub.splitCompositeKey(next.value.key);
      const id = attributes[attributes.length - 1];
      if (id !== undefined) ids.push(id);
    }
  } finally {
    await iterator.close();
  }
  const items: T[] = [];
  for (const id of ids) {
    const record = await findRecord<T>(ctx, type, id);
    if (record) items.push(record);
  }
  return { items, bookmark: ids.length < pageSize ? '' : metadata.bookmark };
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
      const { attributes } = ctx.stub.splitCompositeKey(next.value.key);
      const id = attributes[attributes.length - 1];
      if (id !== undefined) ids.push(id);
    }
  } finally {
    await iterator.close();
  }
  return ids;
}
