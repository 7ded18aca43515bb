import pg from 'pg';
import { cstDay } from '../src/demo/calendar.ts';

/** Who the generated business is between (enterprise ids, all registered on the ledger). */
export interface Cast {
  debtor: string;
  tier1: readonly string[];
  tier2: readonly string[];
  banks: readonly string[];
}

type Cell = string | number | boolean | null;

/** Rows of one table as columns, each with the PostgreSQL type `unnest` casts its array to. */
export class Columns {
  readonly table: string;
  private readonly types: Record<string, string>;
  private readonly values: Record<string, Cell[]>;

  constructor(table: string, types: Record<string, string>) {
    this.table = table;
    this.types = types;
    this.values = Object.fromEntries(Object.keys(types).map((name) => [name, []]));
  }

  get size(): number {
    return Object.values(this.values)[0]?.length ?? 0;
  }

  add(row: Record<string, Cell>): void {
    for (const name of Object.keys(this.types)) (this.values[name] as Cell[]).push(row[name] ?? null);
  }

  /**
   * Inserts rows [from, to) as one statement: one array parameter per column, zipped by `unnest`, so a
   * batch of thousands of rows costs a fixed number of bind parameters.
   */
  insert(client: pg.Client, from: number, to: number): Promise<pg.QueryResult> {
    const names = Object.keys(this.types);
    const arrays = names.map((name, index) => `$${index + 1}::${this.types[name] ?? 'text'}[]`);
    return client.query(
      `INSERT INTO "${this.table}" (${names.map((name) => `"${name}"`).join(', ')})
       SELECT * FROM unnest(${arrays.join(', ')})`,
      names.map((name) => (this.values[name] as Cell[]).slice(from, to)),
    );
  }
}

const PROOF_TYPES = {
  created_at: 'timestamp',
  updated_at: 'timestamp',
  updated_by: 'text',
  tx_id: 'text',
  block_number: 'bigint',
};

const newVouchers = (): Columns =>
  new Columns('vouchers', {
    id: 'text',
    debtor_id: 'text',
    holder_id: 'text',
    amount: 'bigint',
    currency: 'text',
    maturity_date: 'date',
    root_id: 'text',
    parent_id: 'text',
    tier: 'int',
    status: 'text',
    invoice_id: 'text',
    paid_to: 'text',
    payment_reference: 'text',
    paid_at: 'timestamp',
    ...PROOF_TYPES,
  });

const newInvoices = (): Columns =>
  new Columns('invoices', {
    id: 'text',
    number: 'text',
    seller_id: 'text',
    buyer_id: 'text',
    amount: 'bigint',
    paid_amount: 'bigint',
    currency: 'text',
    issue_date: 'date',
    due_date: 'date',
    document_hash: 'text',
    status: 'text',
    voucher_id: 'text',
    ...PROOF_TYPES,
  });

const DAY_MS = 86_400_000;

/** A generated book of business: vouchers (roots and split pieces) with the invoices behind them. */
export interface Book {
  vouchers: Columns;
  invoices: Columns;
}

/**
 * About `count` vouchers (never more) issued by the debtor over the past year: roots to tier-1
 * suppliers, three in ten split with a piece passed to a tier-2 supplier against its own invoice.
 * Matured ones are mostly settled, some overdue; open ones active, under financing, or financed
 * (then held by a bank). A few invoices still wait for confirmation.
 */
export function generateBook(count: number, cast: Cast, random: () => number): Book {
  const book: Book = { vouchers: newVouchers(), invoices: newInvoices() };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const now = Date.now();
  let block = 1_000_000;
  const proof = (at: number): Record<string, Cell> => {
    block += 1;
    const iso = new Date(Math.min(at, now)).toISOString();
    return {
      created_at: iso,
      updated_at: iso,
      updated_by: 'bench-loader',
      tx_id: `bench${String(block)}`.padEnd(64, '0'),
      block_number: block,
    };
  };
  const today = cstDay(0);
  const leaf = (id: string, holder: string, maturity: string): Record<string, Cell> => {
    const fate = random();
    if (maturity < today) {
      if (fate < 0.15) return { id, holder_id: holder, status: 'OVERDUE' };
      const paidAt = `${maturity}T02:00:00.000Z`;
      return {
        id,
        holder_id: holder,
        status: 'SETTLED',
        paid_to: holder,
        payment_reference: id,
        paid_at: paidAt,
      };
    }
    if (fate < 0.6) return { id, holder_id: holder, status: 'ACTIVE' };
    if (fate < 0.72) return { id, holder_id: holder, status: 'FINANCING' };
    return { id, holder_id: pick(cast.banks), status: 'FINANCED' };
  };
  for (let root = 0; book.vouchers.size < count; root += 1) {
    const age = Math.floor(random() * 365);
    const issued = now - age * DAY_MS - Math.floor(random() * DAY_MS);
    const maturity = cstDay(30 + Math.floor(random() * 150) - age);
    const amount = BigInt(20_000 + Math.floor(random() * 580_000)) * 100n;
    const seller = pick(cast.tier1);
    const rootId = `BV${String(root)}`;
    const common = { debtor_id: cast.debtor, currency: 'CNY', maturity_date: maturity, root_id: rootId };
    book.invoices.add({
      id: `BI${String(root)}`,
      number: `BN${String(root)}`,
      seller_id: seller,
      buyer_id: cast.debtor,
      amount: amount.toString(),
      paid_amount: '0',
      currency: 'CNY',
      issue_date: cstDay(-age - 5),
      due_date: maturity,
      document_hash: 'b'.repeat(64),
      status: 'CONFIRMED',
      voucher_id: rootId,
      ...proof(issued - DAY_MS),
    });
    const split = random() < 0.3 && book.vouchers.size + 3 <= count;
    const rootRow = split
      ? { id: rootId, holder_id: seller, status: 'SPLIT' }
      : leaf(rootId, seller, maturity);
    book.vouchers.add({
      ...common,
      ...rootRow,
      amount: amount.toString(),
      tier: 0,
      invoice_id: `BI${String(root)}`,
      ...proof(issued),
    });
    if (split) {
      const piece = (amount * 4n) / 10n;
      const tier2 = pick(cast.tier2);
      const at = issued + DAY_MS;
      book.invoices.add({
        id: `BT${String(root)}`,
        number: `BT${String(root)}`,
        seller_id: tier2,
        buyer_id: seller,
        amount: piece.toString(),
        paid_amount: piece.toString(),
        currency: 'CNY',
        issue_date: cstDay(-age),
        due_date: maturity,
        document_hash: 'c'.repeat(64),
        status: 'CONFIRMED',
        voucher_id: `${rootId}.2`,
        ...proof(at),
      });
      const child = { ...common, parent_id: rootId, tier: 1 };
      book.vouchers.add({
        ...child,
        ...leaf(`${rootId}.1`, seller, maturity),
        amount: (amount - piece).toString(),
        invoice_id: `BI${String(root)}`,
        ...proof(at),
      });
      book.vouchers.add({
        ...child,
        ...leaf(`${rootId}.2`, tier2, maturity),
        amount: piece.toString(),
        invoice_id: `BT${String(root)}`,
        ...proof(at),
      });
    }
    if (random() < 0.03) {
      const at = now - Math.floor(random() * 20 * DAY_MS);
      book.invoices.add({
        id: `BR${String(root)}`,
        number: `BR${String(root)}`,
        seller_id: seller,
        buyer_id: cast.debtor,
        amount: amount.toString(),
        paid_amount: '0',
        currency: 'CNY',
        issue_date: cstDay(-20),
        due_date: cstDay(90),
        document_hash: 'd'.repeat(64),
        status: 'REGISTERED',
        voucher_id: null,
        ...proof(at),
      });
    }
  }
  return book;
}

/** Writes the book into one node's read model in batches, then refreshes the planner's statistics. */
export async function loadBook(databaseUrl: string, book: Book, batch = 5_000): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const columns of [book.invoices, book.vouchers]) {
      for (let from = 0; from < columns.size; from += batch) {
        await columns.insert(client, from, Math.min(from + batch, columns.size));
      }
      await client.query(`ANALYZE "${columns.table}"`);
    }
  } finally {
    await client.end();
  }
}
