import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/client.ts';
import { Prisma } from '../db/generated/client.ts';
import { visibleWhere } from '../schema/visibility.ts';

/**
 * Whether `user` may read the document with this hash: it uploaded it, or its enterprise may see an
 * invoice or shipment that names it (the same rule as the rows themselves). A hash is on the shared
 * ledger, so knowing one must not be enough.
 */
export async function mayReadDocument(db: Database, user: SessionUser, sha256: string): Promise<boolean> {
  const [row] = await db.$queryRaw<{ allowed: boolean }[]>(Prisma.sql`
    SELECT (
      EXISTS (SELECT 1 FROM "documents" WHERE "sha256" = ${sha256} AND "uploaded_by" = ${user.id})
      OR EXISTS (SELECT 1 FROM "invoices" WHERE "document_hash" = ${sha256} AND ${visibleWhere(user, 'invoice')})
      OR EXISTS (
        SELECT 1 FROM "shipments"
        WHERE ("document_hash" = ${sha256} OR "delivery_document_hash" = ${sha256})
          AND ${visibleWhere(user, 'shipment')}
      )
    ) AS "allowed"`);
  return row?.allowed === true;
}
