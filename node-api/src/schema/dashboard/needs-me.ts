import type { EnterpriseKind, SessionUser } from '../../auth/session-user.ts';
import type { Database } from '../../db/client.ts';
import { Prisma } from '../../db/generated/client.ts';
import { countVisible } from '../read-rows.ts';
import type { ReadEntity } from '../visibility.ts';
import { visibleMaturityTotals } from './kept-totals.ts';

interface Waiting {
  /** The enterprise kinds whose users this concerns. */
  kinds: readonly EnterpriseKind[];
  entity: ReadEntity;
  where: (enterpriseId: string, today: string) => Prisma.Sql;
  /** Counted from the vouchers' kept maturity totals (kept-totals.ts): `where` names only their columns. */
  fromTotals?: true;
}

/** What waits for an enterprise to act, by what the portal calls it. */
export const WAITING = {
  invoicesToConfirm: {
    kinds: ['CORE'],
    entity: 'invoice',
    where: (me) => Prisma.sql`"buyer_id" = ${me} AND "status" = 'REGISTERED'`,
  },
  vouchersToPay: {
    kinds: ['CORE'],
    entity: 'voucher',
    where: (me, today) => Prisma.sql`"debtor_id" = ${me} AND "status" IN ('ACTIVE', 'FINANCED', 'OVERDUE')
      AND "maturity_date" <= ${today}::date`,
    fromTotals: true,
  },
  shipmentsToDeliver: {
    kinds: ['LOGISTICS'],
    entity: 'shipment',
    where: (me) => Prisma.sql`"logistics_id" = ${me} AND "status" = 'PICKED_UP'`,
  },
  financingsToOffer: {
    kinds: ['BANK'],
    entity: 'financing',
    where: (me) => Prisma.sql`"bank_id" = ${me} AND "status" = 'APPLIED'`,
  },
  financingsToDisburse: {
    kinds: ['BANK'],
    entity: 'financing',
    where: (me) => Prisma.sql`"bank_id" = ${me} AND "status" = 'ACCEPTED'`,
  },
  offersToAnswer: {
    kinds: ['SUPPLIER'],
    entity: 'financing',
    where: (me, today) => Prisma.sql`"applicant_id" = ${me} AND "status" = 'OFFERED'
      AND "offer_valid_until" >= ${today}::date`,
  },
  transfersToAccept: {
    kinds: ['SUPPLIER'],
    entity: 'voucher',
    where: (me) => Prisma.sql`"holder_id" = ${me} AND "status" = 'PENDING_ACCEPTANCE'`,
  },
  invoicesRejected: {
    kinds: ['SUPPLIER'],
    entity: 'invoice',
    where: (me) => Prisma.sql`"seller_id" = ${me} AND "status" = 'REJECTED'`,
  },
} as const satisfies Record<string, Waiting>;

export type WaitingItem = keyof typeof WAITING;

/** How many of `item` wait for the user's enterprise; zero for an item that is not its kind's to do. */
export function countWaiting(
  db: Database,
  user: SessionUser,
  item: WaitingItem,
  today: string,
): Promise<number> {
  const waiting: Waiting = WAITING[item];
  if (!waiting.kinds.includes(user.enterpriseKind)) return Promise.resolve(0);
  const where = waiting.where(user.enterpriseId, today);
  if (waiting.fromTotals) return countFromTotals(db, user, where);
  return countVisible(db, user, waiting.entity, [where]);
}

async function countFromTotals(db: Database, user: SessionUser, where: Prisma.Sql): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number | null }[]>`
    SELECT sum("count")::int AS n FROM (${visibleMaturityTotals(user)}) AS v WHERE ${where}`;
  return row?.n ?? 0;
}
