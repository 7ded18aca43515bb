import type { EnumRef, InputObjectRef } from '@pothos/core';
import { Prisma } from '../db/generated/client.ts';
import { builder } from './builder.ts';
import { column } from './sql.ts';

type Types = typeof builder.$inferSchemaTypes;

const DIRECTIONS = ['ASC', 'DESC'] as const;

export const SortDirection = builder.enumType('SortDirection', { values: DIRECTIONS });

/** A chosen order: one of the list's sortable fields, and a direction. */
export interface Order {
  field: string;
  direction: (typeof DIRECTIONS)[number];
}

/** A list's order input and the SQL `ORDER BY` terms of a chosen (or the default) order. */
export interface Ordering {
  input: InputObjectRef<Types, Order>;
  toSql: (order: Order | null | undefined) => Prisma.Sql;
}

/**
 * `<Name>OrderField` (the keys of `columns`, each naming its column) and `<Name>Order { field,
 * direction }`. Ties are broken by id in the same direction, so every page boundary is stable.
 */
export function ordering(name: string, columns: Readonly<Record<string, string>>, fallback: Order): Ordering {
  const columnOf = (field: string): Prisma.Sql => {
    const sortColumn = columns[field];
    if (sortColumn === undefined) throw new Error(`no column to sort by ${field}`);
    return column(sortColumn);
  };
  columnOf(fallback.field);
  // The enum's members are exactly the keys of `columns`: what Pothos cannot infer from a record.
  const fields = builder.enumType(`${name}OrderField`, { values: Object.keys(columns) }) as EnumRef<
    Types,
    string
  >;
  const input = builder.inputRef<Order>(`${name}Order`).implement({
    description: `Sort order; when absent, ${fallback.field} ${fallback.direction}.`,
    fields: (t) => ({
      field: t.field({ type: fields, required: true }),
      direction: t.field({ type: SortDirection, required: true, defaultValue: 'ASC' }),
    }),
  });
  const toSql = (order: Order | null | undefined): Prisma.Sql => {
    const { field, direction } = order ?? fallback;
    const way = Prisma.raw(direction === 'DESC' ? 'DESC' : 'ASC');
    return Prisma.sql`${columnOf(field)} ${way}, "id" ${way}`;
  };
  return { input, toSql };
}
