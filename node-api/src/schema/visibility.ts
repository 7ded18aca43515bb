import type { ObjectType } from '@scf/ledger-contract';
import type { EnterpriseKind, SessionUser } from '../auth/session-user.ts';
import { Prisma } from '../db/generated/client.ts';
import { columnOf } from '../read-model/columns.ts';
import { ENTITY_KINDS, TABLES, type ReadEntity, type ReadRows } from '../read-model/entity-kinds.ts';

export type { ReadEntity } from '../read-model/entity-kinds.ts';

type Column<E extends ReadEntity> = keyof ReadRows[E] & string;
/** Columns of an entity that hold an enterprise id (or nothing). */
type PartyColumn<E extends ReadEntity> = {
  [C in Column<E>]: ReadRows[E][C] extends string | null ? C : never;
}[Column<E>];

/**
 * One way an enterprise comes to see a row: rows of `entity` linked to it `via` columns (`from`, of
 * the row, equals `to`, of theirs; without `via`, the row itself) name the enterprise in one of `parties`.
 * With `kinds`, only users of an enterprise of those kinds see it this way; with `while`, only while
 * that row's `column` holds one of `values`.
 */
type Sight<E extends ReadEntity> = {
  [O in ReadEntity]: {
    entity: O;
    via?: { from: Column<E>; to: Column<O> };
    parties: readonly PartyColumn<O>[];
    kinds?: readonly EnterpriseKind[];
    while?: { column: Column<O>; values: readonly string[] };
  };
}[ReadEntity];

/**
 * Who may read what: the one rule. Enterprises, benchmark rates and the charter are public to every
 * logged-in user; every other row only to the enterprises it names, a shipment also to its invoice's
 * parties, a voucher also to the banks asked to finance it and a transferred piece to its sender.
 * Nobody logged in sees nothing.
 * `visibleWhere` makes SQL of it for every read (lookups, relations, connections, dashboard);
 * `audienceOf` and `mayRead` make the same test in memory for the changes a subscription streams.
 */
const RULES: { [E in ReadEntity]: 'public' | readonly Sight<E>[] } = {
  enterprise: 'public',
  benchmarkRate: 'public',
  charter: 'public',
  charterProposal: 'public',
  // The core enterprise publishes it to every holder of its paper.
  earlyPaymentOffer: 'public',
  invoice: [{ entity: 'invoice', parties: ['sellerId', 'buyerId'] }],
  shipment: [
    { entity: 'shipment', parties: ['logisticsId'] },
    { entity: 'invoice', via: { from: 'invoiceId', to: 'id' }, parties: ['sellerId', 'buyerId'] },
  ],
  voucher: [
    { entity: 'voucher', parties: ['holderId', 'debtorId'] },
    // Its sender sees a transferred piece while it waits for consent and once it came back; not after
    // the recipient took it (the sender's figures would count it twice, the recipient's use is its own).
    {
      entity: 'voucher',
      parties: ['transferredFrom'],
      while: { column: 'status', values: ['PENDING_ACCEPTANCE', 'RETURNED'] },
    },
    { entity: 'financing', via: { from: 'id', to: 'voucherId' }, parties: ['bankId'], kinds: ['BANK'] },
  ],
  financing: [{ entity: 'financing', parties: ['applicantId', 'bankId', 'debtorId'] }],
  // Its applicant, and each bank asked (through its own financing of it; which other banks were
  // asked is for the applicant only, see schema/quote-request.ts).
  quoteRequest: [
    { entity: 'quoteRequest', parties: ['applicantId'] },
    { entity: 'financing', via: { from: 'id', to: 'quoteRequestId' }, parties: ['bankId'], kinds: ['BANK'] },
  ],
  creditLine: [{ entity: 'creditLine', parties: ['bankId', 'debtorId'] }],
  // Only the enterprise whose action it is: its preparer and approvers.
  approval: [{ entity: 'approval', parties: ['enterpriseId'] }],
  creditNote: [{ entity: 'creditNote', parties: ['sellerId', 'buyerId'] }],
  // A claim on the seller: its creditor (a bank, or the debtor of the invoice) and the seller only.
  dilutionClaim: [{ entity: 'dilutionClaim', parties: ['creditorId', 'debtorId'] }],
  // Its keeper and owner; a bank once it was asked to finance it (as a voucher's).
  warehouseReceipt: [
    { entity: 'warehouseReceipt', parties: ['keeperId', 'ownerId'] },
    { entity: 'financing', via: { from: 'id', to: 'receiptId' }, parties: ['bankId'], kinds: ['BANK'] },
  ],
};

/** Whether the objects of a ledger type are public to every logged-in user. */
export function isPublic(type: ObjectType): boolean {
  return RULES[ENTITY_KINDS[type].entity] === 'public';
}

const quoted = (name: string): Prisma.Sql => Prisma.raw(`"${name}"`);
/** `alias."column"` of an entity's field. */
const columnSql = (alias: string, entity: ReadEntity, field: string): Prisma.Sql =>
  Prisma.raw(`${alias}."${columnOf(entity, field)}"`);
const anyOf = (conditions: readonly Prisma.Sql[]): Prisma.Sql =>
  Prisma.sql`(${Prisma.join(conditions, ' OR ')})`;

/** The entity's table, to name in FROM (the visibility conditions refer to it by this unaliased name). */
export function tableOf(entity: ReadEntity): Prisma.Sql {
  return quoted(TABLES[entity]);
}

/** The sight's `while` condition on the row aliased `alias` (TRUE without one). */
function whileSql(sight: Sight<ReadEntity>, alias: string): Prisma.Sql {
  if (!sight.while) return Prisma.sql`TRUE`;
  return Prisma.sql`${columnSql(alias, sight.entity, sight.while.column)} = ANY(${[...sight.while.values]})`;
}

function sightSql(entity: ReadEntity, sight: Sight<ReadEntity>, me: string): Prisma.Sql {
  const named = (alias: string): Prisma.Sql =>
    Prisma.sql`${anyOf(sight.parties.map((party) => Prisma.sql`${columnSql(alias, sight.entity, party)} = ${me}`))} AND ${whileSql(sight, alias)}`;
  if (!sight.via) return named(`"${TABLES[entity]}"`);
  return Prisma.sql`${columnSql(`"${TABLES[entity]}"`, entity, sight.via.from)} IN (
    SELECT ${columnSql('o', sight.entity, sight.via.to)} FROM ${tableOf(sight.entity)} o WHERE ${named('o')})`;
}

/**
 * The rows of `entity` that `user` may read, as a condition on the entity's table. Written as SQL
 * because two ways of seeing need another table (a shipment's invoice, a bank's financings) and the
 * read model declares no relations: a Prisma `where` could only spell those joins as id lists, which
 * break past PostgreSQL's 65,535 bind parameters.
 */
export function visibleWhere(user: SessionUser | null, entity: ReadEntity): Prisma.Sql {
  if (!user) return Prisma.sql`FALSE`;
  const sights = sightsOf(user, entity);
  if (sights === 'public') return Prisma.sql`TRUE`;
  return anyOf(sights.map((sight) => sightSql(entity, sight, user.enterpriseId)));
}

/** The ways `user` may see rows of `entity`: its rule's sights for the user's kind of enterprise. */
function sightsOf(user: SessionUser, entity: ReadEntity): 'public' | readonly Sight<ReadEntity>[] {
  const rule = RULES[entity] as 'public' | readonly Sight<ReadEntity>[];
  if (rule === 'public') return rule;
  return rule.filter((sight) => !sight.kinds || sight.kinds.includes(user.enterpriseKind));
}

/**
 * `visibleWhere` in two parts that never overlap, for totals that keep a row's own columns but not
 * its links to other tables: `own`, the rows seen through their own columns (a total keeping those
 * columns answers it), and `linkedOnly`, the rows seen only through another table (absent when the
 * user sees none that way). A NULL column makes a condition NULL, not FALSE: hence the COALESCE.
 */
export function visibleParts(
  user: SessionUser,
  entity: ReadEntity,
): { own: Prisma.Sql; linkedOnly: Prisma.Sql | undefined } {
  const sights = sightsOf(user, entity);
  if (sights === 'public') return { own: Prisma.sql`TRUE`, linkedOnly: undefined };
  const sql = (some: readonly Sight<ReadEntity>[]): Prisma.Sql =>
    some.length === 0
      ? Prisma.sql`FALSE`
      : anyOf(some.map((sight) => sightSql(entity, sight, user.enterpriseId)));
  const own = sql(sights.filter((sight) => !sight.via));
  const linked = sights.filter((sight) => sight.via);
  return {
    own,
    linkedOnly: linked.length === 0 ? undefined : Prisma.sql`${sql(linked)} AND NOT COALESCE(${own}, FALSE)`,
  };
}

/** An enterprise that may see a row (only if it is of one of `kinds`, when given). */
export interface Party {
  enterpriseId: string;
  kinds?: readonly EnterpriseKind[];
}

/** Who may see a row: everyone logged in, or its parties. */
export type Audience = 'everyone' | readonly Party[];

/** Anything that runs raw SQL: the client, or a transaction's client. */
interface SqlRunner {
  $queryRawUnsafe<T>(query: string, ...values: unknown[]): Prisma.PrismaPromise<T>;
}

/**
 * The query that finds, for a row's id ($1), the enterprises a sight names: its text made once per
 * entity and sight (the projector asks for every change it writes, on every node).
 */
const sightQueries = new Map<Sight<ReadEntity>, string>();

function sightQuery(entity: ReadEntity, sight: Sight<ReadEntity>): string {
  const known = sightQueries.get(sight);
  if (known) return known;
  const via = sight.via ?? { from: 'id', to: 'id' };
  const column = (alias: string, of: ReadEntity, field: string): string =>
    `${alias}."${columnOf(of, field)}"`;
  const columns = sight.parties.map((party) => column('o', sight.entity, party)).join(', ');
  const during = sight.while ? `${column('o', sight.entity, sight.while.column)} = ANY($2::text[])` : 'TRUE';
  const query = `SELECT ${columns} FROM "${TABLES[sight.entity]}" o WHERE ${during} AND ${column('o', sight.entity, via.to)} IN (
    SELECT ${column('t', entity, via.from)} FROM "${TABLES[entity]}" t WHERE t."id" = $1)`;
  sightQueries.set(sight, query);
  return query;
}

/** The audience of one row, by the rule, as it stands in the read model (read in the caller's transaction). */
export async function audienceOf(db: SqlRunner, entity: ReadEntity, id: string): Promise<Audience> {
  const rule = RULES[entity] as 'public' | readonly Sight<ReadEntity>[];
  if (rule === 'public') return 'everyone';
  const parties: Party[] = [];
  for (const sight of rule) {
    const values: unknown[] = sight.while ? [id, [...sight.while.values]] : [id];
    const rows = await db.$queryRawUnsafe<Record<string, string | null>[]>(
      sightQuery(entity, sight),
      ...values,
    );
    for (const enterpriseId of rows.flatMap((row) => Object.values(row))) {
      if (enterpriseId !== null) parties.push({ enterpriseId, ...(sight.kinds && { kinds: sight.kinds }) });
    }
  }
  return parties;
}

/** Whether `user` may see a row of this audience: the in-memory side of `visibleWhere`. */
export function mayRead(user: SessionUser | null, audience: Audience): boolean {
  if (!user) return false;
  if (audience === 'everyone') return true;
  return audience.some(
    (party) =>
      party.enterpriseId === user.enterpriseId && (!party.kinds || party.kinds.includes(user.enterpriseKind)),
  );
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
