import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { Prisma } from '../../src/db/generated/client.ts';
import { visibleDayTotals, visibleMaturityTotals } from '../../src/schema/dashboard/kept-totals.ts';
import { visibleWhere } from '../../src/schema/visibility.ts';
import { startFreshDatabase, type FreshDatabase } from '../support/fresh-database.ts';
import { keptAndCounted, rows, type Row } from '../support/kept-totals-check.ts';
import { E, financing, invoice, seedEnterprises, userOf, voucher } from '../support/read-model-seed.ts';

/** A small deterministic generator (a test run must be repeatable). */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const WHO = Object.keys(E) as (keyof typeof E)[];
const STATUSES = ['PENDING_ACCEPTANCE', 'ACTIVE', 'FINANCING', 'FINANCED', 'OVERDUE', 'SETTLED', 'RETURNED'];

/** For one user: the visible totals summed, and the visible rows counted, by the same keys. */
async function seenBy(db: Database, who: keyof typeof E): Promise<[Row[], Row[]][]> {
  const user = userOf(who);
  const day = Prisma.raw(`("created_at" + interval '8 hours')::date`);
  const summed = (totals: Prisma.Sql, keys: string): Promise<Row[]> =>
    rows(
      db,
      Prisma.sql`SELECT ${Prisma.raw(keys)}, sum("count")::text AS n, sum("amount")::text AS amount
        FROM (${totals}) AS t GROUP BY ${Prisma.raw(keys)}
        HAVING sum("count") <> 0 ORDER BY ${Prisma.raw(keys)}`,
    );
  return [
    [
      await summed(visibleMaturityTotals(user), '"holder_id", "debtor_id", "status", "maturity_date"'),
      await rows(
        db,
        Prisma.sql`SELECT "holder_id", "debtor_id", "status", "maturity_date", count(*)::text AS n,
          sum("amount")::text AS amount FROM "vouchers" WHERE ${visibleWhere(user, 'voucher')}
          GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      ),
    ],
    [
      await summed(visibleDayTotals(user, 'voucher'), '"created_day"'),
      await rows(
        db,
        Prisma.sql`SELECT ${day} AS "created_day", count(*)::text AS n, sum("amount")::text AS amount
          FROM "vouchers" WHERE "tier" = 0 AND ${visibleWhere(user, 'voucher')} GROUP BY 1 ORDER BY 1`,
      ),
    ],
    [
      await summed(visibleDayTotals(user, 'invoice'), '"created_day"'),
      await rows(
        db,
        Prisma.sql`SELECT ${day} AS "created_day", count(*)::text AS n, sum("amount")::text AS amount
          FROM "invoices" WHERE ${visibleWhere(user, 'invoice')} GROUP BY 1 ORDER BY 1`,
      ),
    ],
  ];
}

describe('the totals kept for the dashboard', () => {
  let fresh: FreshDatabase;
  const random = generator(20_261_202);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  /** A moment within the past year, often near midnight in Beijing (16:00 UTC), where the CST day turns. */
  const moment = (): string => {
    const at = new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 330) * 86_400_000);
    at.setUTCHours(random() < 0.5 ? 15 : 16, Math.floor(random() * 60));
    return at.toISOString();
  };
  const amount = (): bigint => BigInt(1 + Math.floor(random() * 1_000_000));
  const maturity = (): Date => new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 400) * 86_400_000);
  let vouchers = 0;
  let invoices = 0;

  async function change(db: Database): Promise<void> {
    const roll = random();
    const someVoucher = `v${String(Math.floor(random() * Math.max(vouchers, 1)))}`;
    if (roll < 0.35) {
      await db.voucher.create({
        data: voucher(
          {
            id: `v${String(vouchers++)}`,
            debtorId: pick([E.core, E.otherCore]),
            holderId: E[pick(WHO)],
            transferredFrom: random() < 0.4 ? E[pick(WHO)] : null,
            status: pick(STATUSES),
            tier: random() < 0.6 ? 0 : 1,
            amount: amount(),
            maturityDate: maturity(),
          },
          moment(),
        ),
      });
    } else if (roll < 0.55) {
      await db.voucher.updateMany({
        where: { id: someVoucher },
        data: pick([
          { status: pick(STATUSES) },
          { holderId: E[pick(WHO)] },
          { transferredFrom: random() < 0.5 ? null : E[pick(WHO)] },
          { amount: amount() },
          { maturityDate: maturity() },
          { updatedBy: 'nothing a total keeps' },
        ]),
      });
    } else if (roll < 0.62) {
      await db.voucher.deleteMany({ where: { id: someVoucher } });
    } else if (roll < 0.75) {
      const bank = pick(['bankA', 'bankB'] as const);
      await db.financing.create({
        data: financing(
          {
            id: `f${String(vouchers)}-${bank}-${String(Math.floor(random() * 1e9))}`,
            voucherId: someVoucher,
            applicantId: E.tier1,
            bankId: E[bank],
            debtorId: E.core,
          },
          moment(),
        ),
      });
    } else if (roll < 0.9) {
      await db.invoice.create({
        data: invoice(
          {
            id: `i${String(invoices++)}`,
            sellerId: E[pick(WHO)],
            buyerId: pick([E.core, E.otherCore]),
            amount: amount(),
          },
          moment(),
        ),
      });
    } else {
      const someInvoice = `i${String(Math.floor(random() * Math.max(invoices, 1)))}`;
      if (random() < 0.5) await db.invoice.deleteMany({ where: { id: someInvoice } });
      else
        await db.invoice.updateMany({
          where: { id: someInvoice },
          data: { amount: amount(), sellerId: E[pick(WHO)] },
        });
    }
  }

  beforeAll(async () => {
    fresh = await startFreshDatabase();
    await seedEnterprises(fresh.db);
  });
  afterAll(async () => {
    await fresh.stop();
  });

  it('equal the vouchers and invoices they sum after every kind of change', async () => {
    for (let round = 0; round < 8; round += 1) {
      for (let step = 0; step < 60; step += 1) await change(fresh.db);
      for (const [kept, counted] of await keptAndCounted(fresh.db)) expect(kept).toEqual(counted);
    }
    expect(vouchers).toBeGreaterThan(100);
    expect(invoices).toBeGreaterThan(40);
  });

  it('give every enterprise what it may see, a bank also the vouchers it sees only through a financing', async () => {
    let throughFinancing = 0;
    for (const who of WHO) {
      for (const [summed, counted] of await seenBy(fresh.db, who))
        expect({ who, summed }).toEqual({ who, summed: counted });
    }
    // The second test means something only if some bank sees a voucher it neither holds nor owes.
    for (const bank of ['bankA', 'bankB'] as const) {
      const [row] = await rows(
        fresh.db,
        Prisma.sql`SELECT count(*)::text AS n FROM "vouchers" v JOIN "financings" f ON f."voucher_id" = v."id"
          WHERE f."bank_id" = ${E[bank]} AND v."holder_id" <> ${E[bank]}`,
      );
      throughFinancing += Number(row?.n ?? 0);
    }
    expect(throughFinancing).toBeGreaterThan(0);
  });
});
