import { Prisma } from '../db/generated/client.ts';

/** Conditions joined by AND: `TRUE` when there are none, so a query can always say `WHERE ${…}`. */
export function allOf(conditions: readonly Prisma.Sql[]): Prisma.Sql {
  return conditions.length === 0 ? Prisma.sql`TRUE` : Prisma.sql`(${Prisma.join(conditions, ' AND ')})`;
}

/** A LIKE pattern that finds `text` anywhere, with `%`, `_` and `\` in it taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** A column of a read-model table, by its constant name: never built from what a client sent. */
export function column(name: string): Prisma.Sql {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`not a column name: ${name}`);
  return Prisma.raw(`"${name}"`);
}

/** A money sum read back from SQL as text (numeric would lose nothing but comes back as Decimal). */
export function fenOf(text: string | null): bigint {
  return text === null ? 0n : BigInt(text);
}
