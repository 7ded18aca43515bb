import { columnOf } from '../read-model/columns.ts';
import { TABLES, type ReadEntity } from '../read-model/entity-kinds.ts';
import type { Tx } from '../db/client.ts';

/**
 * The projector's upsert of one row, as one raw `INSERT … ON CONFLICT ("id") DO UPDATE` whose text is
 * made once per table. Every node writes every event's rows, and a Prisma model upsert renders its
 * create and update parts (twice the row's columns, ~100 parameters for a voucher) through Prisma's
 * query interpreter on each call: the largest part of a projecting node's CPU by its profile.
 */

/** How a value goes into SQL: by its column's type, read from the database's catalogue. */
type ValueKind = 'json' | 'bigint' | 'time' | 'plain';

function kindOf(sqlType: string): ValueKind {
  if (sqlType === 'jsonb' || sqlType === 'json') return 'json';
  if (sqlType === 'bigint') return 'bigint';
  if (sqlType === 'date' || sqlType.startsWith('timestamp')) return 'time';
  return 'plain';
}

/** Dates go as ISO text (UTC, as Prisma stores them), whatever the process' time zone; lists as they are. */
function sqlValue(value: unknown, kind: ValueKind): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'json':
      return JSON.stringify(value);
    case 'bigint':
      return typeof value === 'bigint' ? value.toString() : value;
    case 'time':
      return value instanceof Date ? value.toISOString() : value;
    default:
      return value;
  }
}

interface Statement {
  sql: string;
  fields: readonly string[];
  kinds: readonly ValueKind[];
}

/** Column name → SQL type, per read-model table. */
type Catalogue = Map<string, Map<string, string>>;

let catalogue: Promise<Catalogue> | undefined;
const statements = new Map<string, Statement>();

async function readCatalogue(tx: Tx): Promise<Catalogue> {
  const tables = Object.values(TABLES);
  const rows = await tx.$queryRawUnsafe<{ table: string; column: string; type: string }[]>(
    `SELECT c.relname AS "table", a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS "type"
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1::text[])
       AND a.attnum > 0 AND NOT a.attisdropped`,
    tables,
  );
  const byTable: Catalogue = new Map();
  for (const row of rows) {
    const columns = byTable.get(row.table) ?? new Map<string, string>();
    columns.set(row.column, row.type);
    byTable.set(row.table, columns);
  }
  return byTable;
}

/** The table's columns (read once per process: every database of this build has the same schema). */
async function columnsOf(tx: Tx, table: string): Promise<Map<string, string>> {
  catalogue ??= readCatalogue(tx).catch((error: unknown) => {
    catalogue = undefined;
    throw error;
  });
  const columns = (await catalogue).get(table);
  if (!columns) throw new Error(`the read model has no table "${table}"`);
  return columns;
}

async function statementOf(tx: Tx, entity: ReadEntity, fields: readonly string[]): Promise<Statement> {
  const key = `${entity}:${fields.join(',')}`;
  const known = statements.get(key);
  if (known) return known;
  const table = TABLES[entity];
  const types = await columnsOf(tx, table);
  const columns = fields.map((field) => {
    const column = columnOf(entity, field);
    if (!types.has(column)) throw new Error(`table "${table}" has no column "${column}" for field ${field}`);
    return column;
  });
  const values = columns.map((column, index) => `$${String(index + 1)}::${types.get(column) as string}`);
  const updates = columns
    .filter((column) => column !== 'id')
    .map((column) => `"${column}" = EXCLUDED."${column}"`);
  const statement: Statement = {
    sql:
      `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) ` +
      `VALUES (${values.join(', ')}) ON CONFLICT ("id") DO UPDATE SET ${updates.join(', ')}`,
    fields,
    kinds: columns.map((column) => kindOf(types.get(column) as string)),
  };
  statements.set(key, statement);
  return statement;
}

/** Inserts the row, or replaces every column the row names of the one with its id. */
export async function upsertRow(tx: Tx, entity: ReadEntity, row: object): Promise<void> {
  const fields = Object.keys(row);
  const statement = await statementOf(tx, entity, fields);
  const record = row as Record<string, unknown>;
  const values = statement.fields.map((field, index) =>
    sqlValue(record[field], statement.kinds[index] as ValueKind),
  );
  await tx.$executeRawUnsafe(statement.sql, ...values);
}
