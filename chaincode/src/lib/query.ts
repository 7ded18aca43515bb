import type { Context } from 'fabric-contract-api';
import {
  INT_RANGES,
  type LedgerRecord,
  type ObjectType,
  type Page,
  requireInt,
  unmarshal,
} from '@scf/ledger-contract';

/**
 * One page of every record of a type, in key order. Paginated range queries run only in evaluated
 * (read-only) transactions, which is where queries belong.
 */
export async function pageOfType(
  ctx: Context,
  type: ObjectType,
  pageSizeArg: string,
  bookmark: string,
): Promise<Page<LedgerRecord>> {
  const pageSize = requireInt(pageSizeArg, 'pageSize', INT_RANGES.pageSize.min, INT_RANGES.pageSize.max);
  const { iterator, metadata } = await ctx.stub.getStateByPartialCompositeKeyWithPagination(
    type,
    [],
    pageSize,
    bookmark,
  );
  const items: LedgerRecord[] = [];
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      items.push(unmarshal<LedgerRecord>(next.value.value));
    }
  } finally {
    await iterator.close();
  }
  return { items, bookmark: items.length < pageSize ? '' : metadata.bookmark };
}

/** Up to `limit` ids under an index prefix (`index → values..., id`), in key order. */
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
