import { Prisma } from '../db/generated/client.ts';
import { builder } from './builder.ts';
import { NodeErrorCodes, userError } from './errors.ts';
import { column, containsPattern } from './sql.ts';

/** Longest text a `search` filter takes. */
export const SEARCH_MAX = 100;

export const DayRange = builder.inputType('DayRange', {
  description: 'Days from `from` to `to`, both included; either end may be left open.',
  fields: (t) => ({ from: t.field({ type: 'Date' }), to: t.field({ type: 'Date' }) }),
});

export const FenRange = builder.inputType('FenRange', {
  description: 'Amounts from `min` to `max` fen, both included; either end may be left open.',
  fields: (t) => ({ min: t.field({ type: 'Fen' }), max: t.field({ type: 'Fen' }) }),
});

type Bound<T> = T | null | undefined;

function between<T extends string | bigint>(
  col: string,
  low: Bound<T>,
  high: Bound<T>,
  cast: Prisma.Sql,
): Prisma.Sql[] {
  if (low != null && high != null && low > high) {
    throw userError(NodeErrorCodes.InvalidArgument, `the range on ${col} ends before it starts`);
  }
  return [
    ...(low == null ? [] : [Prisma.sql`${column(col)} >= ${low}${cast}`]),
    ...(high == null ? [] : [Prisma.sql`${column(col)} <= ${high}${cast}`]),
  ];
}

/** A day column within a `DayRange` (Date values are YYYY-MM-DD, so text order is day order). */
export function inDays(
  col: string,
  range: { from?: Bound<string>; to?: Bound<string> } | null | undefined,
): Prisma.Sql[] {
  return range ? between(col, range.from, range.to, Prisma.sql`::date`) : [];
}

/** A money column within a `FenRange`. */
export function inFen(
  col: string,
  range: { min?: Bound<bigint>; max?: Bound<bigint> } | null | undefined,
): Prisma.Sql[] {
  return range ? between(col, range.min, range.max, Prisma.sql`::bigint`) : [];
}

/** A column equal to any of `values`; no list or an empty one filters nothing. */
export function oneOf(col: string, values: readonly string[] | null | undefined): Prisma.Sql[] {
  return values && values.length > 0 ? [Prisma.sql`${column(col)} = ANY(${[...values]})`] : [];
}

/** A column equal to `value`, when given. */
export function equals(col: string, value: string | null | undefined): Prisma.Sql[] {
  return value == null ? [] : [Prisma.sql`${column(col)} = ${value}`];
}

/** A boolean column equal to `value`, when given. */
export function isTrue(col: string, value: boolean | null | undefined): Prisma.Sql[] {
  return value == null ? [] : [Prisma.sql`${column(col)} = ${value}`];
}

/** A nullable column set (true) or empty (false), when asked. */
export function isSet(col: string, value: boolean | null | undefined): Prisma.Sql[] {
  if (value == null) return [];
  return [value ? Prisma.sql`${column(col)} IS NOT NULL` : Prisma.sql`${column(col)} IS NULL`];
}

/** Case-insensitive substring search over `conditions` built from the pattern; blank text filters nothing. */
export function search(
  text: string | null | undefined,
  conditions: (pattern: string) => Prisma.Sql[],
): Prisma.Sql[] {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return [];
  if (trimmed.length > SEARCH_MAX) {
    throw userError(NodeErrorCodes.InvalidArgument, `search: at most ${String(SEARCH_MAX)} characters`);
  }
  return [Prisma.sql`(${Prisma.join(conditions(containsPattern(trimmed)), ' OR ')})`];
}

/** `col ILIKE pattern`, with backslash as the escape that `containsPattern` uses. */
export function ilike(col: string, pattern: string, table?: string): Prisma.Sql {
  const qualified = table ? Prisma.sql`${column(table)}.${column(col)}` : column(col);
  return Prisma.sql`${qualified} ILIKE ${pattern} ESCAPE '\\'`;
}

/** Any of these enterprise-id columns names an enterprise whose name contains the pattern. */
export function partyNamed(columns: readonly string[], pattern: string): Prisma.Sql {
  // An uncorrelated subquery: PostgreSQL matches the names once and probes a hash, row by row.
  const named = Prisma.sql`SELECT e."id" FROM "enterprises" e WHERE ${ilike('name', pattern, 'e')}`;
  return Prisma.sql`(${Prisma.join(
    columns.map((col) => Prisma.sql`${column(col)} IN (${named})`),
    ' OR ',
  )})`;
}
