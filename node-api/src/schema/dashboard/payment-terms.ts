import type { SessionUser } from '../../auth/session-user.ts';
import type { Database } from '../../db/client.ts';
import { fenOf } from '../sql.ts';
import { visibleWhere } from '../visibility.ts';
import type { Total } from './unpaid.ts';

/**
 * Standing invoices (registered or confirmed) whose payment term exceeds 60 days from delivery,
 * where a core enterprise owes a supplier (保障中小企业款项支付条例 Art. 9): for a core enterprise
 * what it owes on such terms, for a supplier what it is owed. Face amounts.
 */
export async function longPaymentTerms(db: Database, user: SessionUser): Promise<Total> {
  const [row] = await db.$queryRaw<{ count: number; amount: string | null }[]>`
    SELECT count(*)::int AS count, sum("amount")::text AS amount
    FROM "invoices"
    WHERE ${visibleWhere(user, 'invoice')} AND "payment_term_exceeded"
      AND "status" IN ('REGISTERED', 'CONFIRMED')`;
  return { count: row?.count ?? 0, amount: fenOf(row?.amount ?? null) };
}
