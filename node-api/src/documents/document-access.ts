import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/client.ts';
import { Prisma } from '../db/generated/client.ts';
import { visibleWhere } from '../schema/visibility.ts';

/**
 * Whether the enterprise uploaded this document to this node. Only then may its users cite the hash
 * in a transaction: a hash is on the shared ledger, so knowing one must not be enough.
 */
export async function ownsDocument(db: Database, enterpriseId: string, sha256: string): Promise<boolean> {
  // Fixed text: every write that cites a document asks.
  const rows = await db.$queryRawUnsafe<unknown[]>(
    'SELECT 1 FROM "document_owners" WHERE "sha256" = $1 AND "enterprise_id" = $2',
    sha256,
    enterpriseId,
  );
  return rows.length > 0;
}

/**
 * Whether `user` may read the document with this hash: its enterprise owns it (uploaded it here), or
 * its enterprise may see (the rows' own rule) an invoice, shipment or credit note that cites it
 * legitimately: an invoice or credit note whose seller owns it, a shipment whose logistics enterprise
 * owns it. An object written onto
 * the ledger with somebody else's hash, past this API, opens nothing.
 */
export async function mayReadDocument(db: Database, user: SessionUser, sha256: string): Promise<boolean> {
  const ownedBy = (column: Prisma.Sql): Prisma.Sql => Prisma.sql`EXISTS (
    SELECT 1 FROM "document_owners" o WHERE o."sha256" = ${sha256} AND o."enterprise_id" = ${column})`;
  const [row] = await db.$queryRaw<{ allowed: boolean }[]>(Prisma.sql`
    SELECT (
      EXISTS (
        SELECT 1 FROM "document_owners"
        WHERE "sha256" = ${sha256} AND "enterprise_id" = ${user.enterpriseId}
      )
      OR EXISTS (
        SELECT 1 FROM "invoices"
        WHERE "document_hash" = ${sha256} AND ${ownedBy(Prisma.sql`"invoices"."seller_id"`)}
          AND ${visibleWhere(user, 'invoice')}
      )
      OR EXISTS (
        SELECT 1 FROM "shipments"
        WHERE ("document_hash" = ${sha256} OR "delivery_document_hash" = ${sha256})
          AND ${ownedBy(Prisma.sql`"shipments"."logistics_id"`)}
          AND ${visibleWhere(user, 'shipment')}
      )
      OR EXISTS (
        SELECT 1 FROM "credit_notes"
        WHERE "document_hash" = ${sha256} AND ${ownedBy(Prisma.sql`"credit_notes"."seller_id"`)}
          AND ${visibleWhere(user, 'creditNote')}
      )
    ) AS "allowed"`);
  return row?.allowed === true;
}
