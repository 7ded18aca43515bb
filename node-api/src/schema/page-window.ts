import { INT_RANGES, isIntWithin } from '@scf/ledger-contract';
import { NodeErrorCodes, userError } from './errors.ts';

/** Page sizes a connection accepts: a client asking for more must page. */
export const PAGE_SIZE = { default: 20, ...INT_RANGES.pageSize } as const;

/** Relay's connection arguments, as Pothos passes them. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** Which rows of the ordered result a page holds. */
export interface PageWindow {
  offset: number;
  limit: number;
}

const CURSOR = /^offset:(\d{1,9})$/;

/** An opaque cursor naming a row's position in the ordered result. */
export function offsetCursor(offset: number): string {
  return Buffer.from(`offset:${String(offset)}`).toString('base64url');
}

function offsetOf(cursor: string, argument: string): number {
  const position = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'))?.[1];
  if (position === undefined)
    throw userError(NodeErrorCodes.InvalidArgument, `${argument} is not a cursor of this list`);
  return Number(position);
}

function pageSize(args: PageArgs): number {
  if (args.first != null && args.last != null) {
    throw userError(NodeErrorCodes.InvalidArgument, 'page with first or with last, not both');
  }
  const size = args.first ?? args.last ?? PAGE_SIZE.default;
  if (!isIntWithin(size, PAGE_SIZE)) {
    throw userError(
      NodeErrorCodes.InvalidArgument,
      `a page holds ${String(PAGE_SIZE.min)} to ${String(PAGE_SIZE.max)} items, not ${String(size)}`,
    );
  }
  return size;
}

/**
 * The window `first`/`after` (forwards) or `last`/`before` (backwards) selects. `total` is called only
 * for `last` without `before`, the one case that needs to know where the list ends.
 */
export async function pageWindow(args: PageArgs, total: () => Promise<number>): Promise<PageWindow> {
  const size = pageSize(args);
  const start = args.after != null ? offsetOf(args.after, 'after') + 1 : 0;
  const before = args.before != null ? offsetOf(args.before, 'before') : null;
  if (args.last == null) {
    const room = before === null ? size : Math.max(0, before - start);
    return { offset: start, limit: Math.min(size, room) };
  }
  const end = Math.max(start, before ?? (await total()));
  const offset = Math.max(start, end - size);
  return { offset, limit: end - offset };
}
