import type { SessionUser } from '../auth/session-user.ts';
import { Prisma } from '../db/generated/client.ts';

/** The read-model tables this API serves, by the entity each holds. */
export const READ_TABLES = {
  enterprise: 'enterprises',
  invoice: 'invoices',
  shipment: 'shipments',
  voucher: 'vouchers',
  financing: 'financings',
  creditLine: 'credit_lines',
  benchmarkRate: 'benchmark_rates',
  charter: 'charters',
  charterProposal: 'charter_proposals',
} as const;

export type ReadEntity = keyof typeof READ_TABLES;

/** The entity's table, to name in FROM (the visibility conditions refer to it by this unaliased name). */
export function tableOf(entity: ReadEntity): Prisma.Sql {
  return Prisma.raw(`"${READ_TABLES[entity]}"`);
}

type Rule = (enterpriseId: string, user: SessionUser) => Prisma.Sql;

const everyone: Rule = () => Prisma.sql`TRUE`;

/**
 * Who may read what. Written as SQL because two rules need another table (a shipment's invoice, a
 * bank's financings) and the read model declares no relations: a Prisma `where` could only spell
 * those joins as id lists, which break past PostgreSQL's 65,535 bind parameters.
 */
const RULES: Record<ReadEntity, Rule> = {
  enterprise: everyone,
  benchmarkRate: everyone,
  charter: everyone,
  charterProposal: everyone,
  invoice: (me) => Prisma.sql`("invoices"."seller_id" = ${me} OR "invoices"."buyer_id" = ${me})`,
  shipment: (me) => Prisma.sql`("shipments"."logistics_id" = ${me} OR "shipments"."invoice_id" IN (
      SELECT i."id" FROM "invoices" i WHERE i."seller_id" = ${me} OR i."buyer_id" = ${me}))`,
  voucher: (me, user) =>
    user.enterpriseKind === 'BANK'
      ? Prisma.sql`("vouchers"."holder_id" = ${me} OR "vouchers"."debtor_id" = ${me} OR "vouchers"."id" IN (
          SELECT f."voucher_id" FROM "financings" f WHERE f."bank_id" = ${me}))`
      : Prisma.sql`("vouchers"."holder_id" = ${me} OR "vouchers"."debtor_id" = ${me})`,
  financing: (me) =>
    Prisma.sql`("financings"."applicant_id" = ${me} OR "financings"."bank_id" = ${me} OR "financings"."debtor_id" = ${me})`,
  creditLine: (me) => Prisma.sql`("credit_lines"."bank_id" = ${me} OR "credit_lines"."debtor_id" = ${me})`,
};

/**
 * The rows of `entity` that `user` may read, as a condition on the entity's table. Enterprises,
 * benchmark rates and the charter are public to every logged-in user; every other row only to the enterprises it
 * names (a bank also sees the vouchers it was asked to finance). Nobody logged in sees nothing.
 * Every read of the API (lookups, relations, connections, dashboard) filters through this.
 */
export function visibleWhere(user: SessionUser | null, entity: ReadEntity): Prisma.Sql {
  return user ? RULES[entity](user.enterpriseId, user) : Prisma.sql`FALSE`;
}

/** Whether the offer terms of a financing are the user's to read: only its bank's and its applicant's. */
export function mayReadTerms(
  user: SessionUser | null,
  financing: { bankId: string; applicantId: string },
): boolean {
  return (
    user !== null && (user.enterpriseId === financing.bankId || user.enterpriseId === financing.applicantId)
  );
}
