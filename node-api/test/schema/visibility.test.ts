import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/auth/session-user.ts';
import { ENTITY_KINDS, OBJECT_TYPES } from '../../src/read-model/entity-kinds.ts';
import { audienceOf, mayRead, tableOf, visibleWhere, type Audience } from '../../src/schema/visibility.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { codesOf, dataOf } from '../support/graphql-data.ts';
import {
  creditLine,
  E,
  financing,
  invoice,
  rate,
  seedEnterprises,
  shipment,
  terms,
  userOf,
  voucher,
} from '../support/read-model-seed.ts';

/**
 * One small supply chain: core ← tier-1 ← tier-2, a root voucher split three ways (one piece kept,
 * one transferred to tier-2 and under financing at bank A, one financed and now held by bank A),
 * bank B asked for two others, and a second chain tier-2 → other core.
 */
async function seedChain(harness: ApiHarness): Promise<void> {
  const db = harness.db;
  await seedEnterprises(db);
  await db.invoice.createMany({
    data: [
      invoice({ id: 'inv-A', sellerId: E.tier1, buyerId: E.core, status: 'CONFIRMED', voucherId: 'v-root' }),
      invoice({ id: 'inv-B', sellerId: E.tier2, buyerId: E.tier1 }),
      invoice({
        id: 'inv-X',
        sellerId: E.tier2,
        buyerId: E.otherCore,
        status: 'CONFIRMED',
        voucherId: 'v-other',
      }),
    ],
  });
  await db.shipment.createMany({
    data: [
      shipment({ id: 'sh-A', invoiceId: 'inv-A', logisticsId: E.carrier }),
      shipment({ id: 'sh-X', invoiceId: 'inv-X', logisticsId: E.carrier }),
    ],
  });
  const piece = { debtorId: E.core, rootId: 'v-root', parentId: 'v-root', tier: 1 };
  await db.voucher.createMany({
    data: [
      voucher({ id: 'v-root', debtorId: E.core, holderId: E.tier1, status: 'SPLIT', invoiceId: 'inv-A' }),
      voucher({ id: 'v-keep', ...piece, holderId: E.tier1, invoiceId: 'inv-A', financingId: 'f-4' }),
      voucher({
        id: 'v-t2',
        ...piece,
        holderId: E.tier2,
        status: 'FINANCING',
        invoiceId: 'inv-B',
        financingId: 'f-1',
      }),
      voucher({
        id: 'v-fin',
        ...piece,
        holderId: E.bankA,
        status: 'FINANCED',
        invoiceId: 'inv-A',
        financingId: 'f-2',
      }),
      voucher({
        id: 'v-other',
        debtorId: E.otherCore,
        holderId: E.tier2,
        invoiceId: 'inv-X',
        financingId: 'f-3',
      }),
    ],
  });
  await db.financing.createMany({
    data: [
      financing({
        id: 'f-1',
        voucherId: 'v-t2',
        applicantId: E.tier2,
        bankId: E.bankA,
        debtorId: E.core,
        status: 'OFFERED',
      }),
      financing({
        id: 'f-2',
        voucherId: 'v-fin',
        applicantId: E.tier1,
        bankId: E.bankA,
        debtorId: E.core,
        status: 'DISBURSED',
      }),
      financing({
        id: 'f-3',
        voucherId: 'v-other',
        applicantId: E.tier2,
        bankId: E.bankB,
        debtorId: E.otherCore,
      }),
      financing({
        id: 'f-4',
        voucherId: 'v-keep',
        applicantId: E.tier1,
        bankId: E.bankB,
        debtorId: E.core,
        status: 'REJECTED',
      }),
    ],
  });
  await db.offerTerms.createMany({ data: [terms('f-1', 100_000n), terms('f-2', 100_000n)] });
  await db.creditLine.createMany({
    data: [creditLine(E.bankA, E.core, 1_000_000n, 100_000n), creditLine(E.bankB, E.otherCore, 500_000n, 0n)],
  });
  await db.benchmarkRate.createMany({ data: [rate('1Y', 310, '2026-01-20'), rate('5Y', 360, '2026-01-20')] });
}

const ALL_ENTERPRISES = Object.values(E).sort();
const RATES = ['1Y:2026-01-20', '5Y:2026-01-20'];

interface Sight {
  invoices: string[];
  shipments: string[];
  vouchers: string[];
  financings: string[];
  creditLines: string[];
}

/** What each enterprise may read, worked out by hand from the rules. */
const SIGHT: Record<'core' | 'tier1' | 'tier2' | 'bankA' | 'bankB' | 'carrier' | 'otherCore', Sight> = {
  core: {
    invoices: ['inv-A'],
    shipments: ['sh-A'],
    vouchers: ['v-fin', 'v-keep', 'v-root', 'v-t2'],
    financings: ['f-1', 'f-2', 'f-4'],
    creditLines: [`${E.bankA}:${E.core}`],
  },
  tier1: {
    invoices: ['inv-A', 'inv-B'],
    shipments: ['sh-A'],
    vouchers: ['v-keep', 'v-root'],
    financings: ['f-2', 'f-4'],
    creditLines: [],
  },
  tier2: {
    invoices: ['inv-B', 'inv-X'],
    shipments: ['sh-X'],
    vouchers: ['v-other', 'v-t2'],
    financings: ['f-1', 'f-3'],
    creditLines: [],
  },
  bankA: {
    invoices: [],
    shipments: [],
    vouchers: ['v-fin', 'v-t2'],
    financings: ['f-1', 'f-2'],
    creditLines: [`${E.bankA}:${E.core}`],
  },
  bankB: {
    invoices: [],
    shipments: [],
    vouchers: ['v-keep', 'v-other'],
    financings: ['f-3', 'f-4'],
    creditLines: [`${E.bankB}:${E.otherCore}`],
  },
  carrier: { invoices: [], shipments: ['sh-A', 'sh-X'], vouchers: [], financings: [], creditLines: [] },
  otherCore: {
    invoices: ['inv-X'],
    shipments: ['sh-X'],
    vouchers: ['v-other'],
    financings: ['f-3'],
    creditLines: [`${E.bankB}:${E.otherCore}`],
  },
};

const EVERY: Sight = {
  invoices: ['inv-A', 'inv-B', 'inv-X'],
  shipments: ['sh-A', 'sh-X'],
  vouchers: ['v-fin', 'v-keep', 'v-other', 'v-root', 'v-t2'],
  financings: ['f-1', 'f-2', 'f-3', 'f-4'],
  creditLines: [`${E.bankA}:${E.core}`, `${E.bankB}:${E.otherCore}`],
};

const LISTS = `{
  invoices(first: 100) { totalCount edges { node { id } } }
  shipments(first: 100) { totalCount edges { node { id } } }
  vouchers(first: 100) { totalCount edges { node { id } } }
  financings(first: 100) { totalCount edges { node { id } } }
  creditLines(first: 100) { totalCount edges { node { id } } }
  enterprises(first: 100) { totalCount edges { node { id } } }
  benchmarkRates(first: 100) { totalCount edges { node { id } } }
}`;

type Lists = Record<
  keyof Sight | 'enterprises' | 'benchmarkRates',
  { totalCount: number; edges: { node: { id: string } }[] }
>;

const LOOKUP_FIELD: Record<keyof Sight, string> = {
  invoices: 'invoice',
  shipments: 'shipment',
  vouchers: 'voucher',
  financings: 'financing',
  creditLines: 'creditLine',
};

/** Which objects of one kind `user` finds by id (one aliased lookup per object, in one query). */
async function lookUp(harness: ApiHarness, user: SessionUser, kind: keyof Sight): Promise<string[]> {
  const ids = EVERY[kind];
  const query = `{ ${ids.map((id, index) => `a${String(index)}: ${LOOKUP_FIELD[kind]}(id: "${id}") { id }`).join(' ')} }`;
  const found = dataOf(await harness.graphql<Record<string, { id: string } | null>>(query, {}, user));
  return ids.filter((_id, index) => found[`a${String(index)}`] != null);
}

describe('what each enterprise may read', () => {
  let harness: ApiHarness;
  beforeAll(async () => {
    harness = await startApiHarness();
    await seedChain(harness);
  });
  afterAll(async () => {
    await harness.stop();
  });

  for (const who of Object.keys(SIGHT) as (keyof typeof SIGHT)[]) {
    it(`${who}: lists hold exactly what it may see, and so do lookups`, async () => {
      const user = userOf(who);
      const lists = dataOf(await harness.graphql<Lists>(LISTS, {}, user));
      for (const kind of Object.keys(EVERY) as (keyof Sight)[]) {
        const ids = lists[kind].edges.map((edge) => edge.node.id).sort();
        expect({ kind, ids }).toEqual({ kind, ids: SIGHT[who][kind] });
        expect(lists[kind].totalCount).toBe(SIGHT[who][kind].length);
      }
      expect(lists.enterprises.edges.map((edge) => edge.node.id).sort()).toEqual(ALL_ENTERPRISES);
      expect(lists.benchmarkRates.edges.map((edge) => edge.node.id).sort()).toEqual(RATES);

      for (const kind of Object.keys(EVERY) as (keyof Sight)[]) {
        expect({ kind, found: await lookUp(harness, user, kind) }).toEqual({ kind, found: SIGHT[who][kind] });
      }
    });
  }

  it('decides a subscription the same as a query: one rule, in SQL and in memory', async () => {
    // Every user of the cast, nobody, and a bank's id under another kind (the bank-only way of seeing).
    const users: (SessionUser | null)[] = [
      ...(Object.keys(SIGHT) as (keyof typeof SIGHT)[]).map((who) => userOf(who)),
      null,
      { ...userOf('bankB'), enterpriseKind: 'CORE' },
    ];
    let shown = 0;
    let hidden = 0;
    for (const type of OBJECT_TYPES) {
      const entity = ENTITY_KINDS[type].entity;
      const all = await harness.db.$queryRaw<
        { id: string }[]
      >`SELECT "id" FROM ${tableOf(entity)} ORDER BY "id"`;
      const audiences = new Map<string, Audience>();
      for (const { id } of all) audiences.set(id, await audienceOf(harness.db, entity, id));
      for (const user of users) {
        const inSql = await harness.db.$queryRaw<{ id: string }[]>`
          SELECT "id" FROM ${tableOf(entity)} WHERE ${visibleWhere(user, entity)} ORDER BY "id"`;
        const inMemory = all.filter(({ id }) => mayRead(user, audiences.get(id) ?? []));
        const who = `${user?.enterpriseId ?? 'nobody'}/${user?.enterpriseKind ?? '-'}`;
        expect({ who, type, ids: inMemory.map((row) => row.id) }).toEqual({
          who,
          type,
          ids: inSql.map((row) => row.id),
        });
        shown += inSql.length;
        hidden += all.length - inSql.length;
      }
    }
    expect(shown).toBeGreaterThan(50);
    expect(hidden).toBeGreaterThan(50);
    // The bank sees the voucher it was asked to finance, under its own kind only.
    expect(await audienceOf(harness.db, 'voucher', 'v-keep')).toContainEqual({
      enterpriseId: E.bankB,
      kinds: ['BANK'],
    });
  });

  it('refuses every read to an anonymous caller', async () => {
    for (const field of [
      'invoices',
      'shipments',
      'vouchers',
      'financings',
      'creditLines',
      'enterprises',
      'benchmarkRates',
    ]) {
      const result = await harness.graphql(`{ ${field}(first: 1) { totalCount } }`);
      expect({ field, codes: codesOf(result) }).toEqual({ field, codes: ['UNAUTHENTICATED'] });
    }
    for (const field of [
      'invoice',
      'shipment',
      'voucher',
      'financing',
      'creditLine',
      'enterprise',
      'benchmarkRate',
    ]) {
      const result = await harness.graphql(`{ ${field}(id: "x") { id } }`);
      expect({ field, codes: codesOf(result) }).toEqual({ field, codes: ['UNAUTHENTICATED'] });
    }
    expect(codesOf(await harness.graphql('{ dashboard { asOf } }'))).toEqual(['UNAUTHENTICATED']);
  });

  it('shows offer terms to the bank and the applicant only, not the debtor hosted by the same org', async () => {
    const query = `{ financing(id: "f-1") { id terms { financedAmount netProceeds lprTenor } } }`;
    type Result = { financing: { id: string; terms: { financedAmount: string } | null } | null };
    const as = async (user: SessionUser): Promise<Result['financing']> =>
      dataOf(await harness.graphql<Result>(query, {}, user)).financing;
    expect((await as(userOf('bankA')))?.terms).toEqual({
      financedAmount: '90000',
      netProceeds: '89000',
      lprTenor: 'LPR_1Y',
    });
    expect((await as(userOf('tier2')))?.terms?.financedAmount).toBe('90000');
    expect(await as(userOf('core'))).toEqual({ id: 'f-1', terms: null });
    expect(await as(userOf('bankB'))).toBeNull();
    expect(await as(userOf('tier1'))).toBeNull();
    const listed = await harness.graphql<{
      financings: { edges: { node: { id: string; terms: unknown } }[] };
    }>('{ financings(first: 10) { edges { node { id terms { financedAmount } } } } }', {}, userOf('core'));
    expect(dataOf(listed).financings.edges.map((edge) => edge.node.terms)).toEqual([null, null, null]);
  });

  it('follows relations only as far as the reader may see', async () => {
    const tree = `{ voucher(id: "v-root") { children { id } } }`;
    type Tree = { voucher: { children: { id: string }[] } | null };
    const childrenAs = async (who: 'core' | 'tier1'): Promise<string[]> =>
      (dataOf(await harness.graphql<Tree>(tree, {}, userOf(who))).voucher?.children ?? [])
        .map((c) => c.id)
        .sort();
    expect(await childrenAs('core')).toEqual(['v-fin', 'v-keep', 'v-t2']);
    expect(await childrenAs('tier1')).toEqual(['v-keep']);

    const up = `{ voucher(id: "v-t2") { parent { id } root { id } invoice { id } financing { id } holder { name } } }`;
    expect(dataOf(await harness.graphql(up, {}, userOf('tier2')))).toEqual({
      voucher: {
        parent: null,
        root: null,
        invoice: { id: 'inv-B' },
        financing: { id: 'f-1' },
        holder: { name: 'Tier-2 Bearings 50%_Off Ltd' },
      },
    });
    expect(dataOf(await harness.graphql(up, {}, userOf('core')))).toMatchObject({
      voucher: { parent: { id: 'v-root' }, root: { id: 'v-root' }, invoice: null, financing: { id: 'f-1' } },
    });

    const carried = `{ shipment(id: "sh-A") { invoice { id } logistics { id } } }`;
    expect(dataOf(await harness.graphql(carried, {}, userOf('carrier')))).toEqual({
      shipment: { invoice: null, logistics: { id: E.carrier } },
    });
    const shipments = `{ invoice(id: "inv-A") { shipments { id } } }`;
    expect(dataOf(await harness.graphql(shipments, {}, userOf('tier1')))).toEqual({
      invoice: { shipments: [{ id: 'sh-A' }] },
    });

    const financed = `{ financing(id: "f-2") { voucher { id holderId } applicant { id } bank { id } debtor { id } } }`;
    expect(dataOf(await harness.graphql(financed, {}, userOf('bankA')))).toEqual({
      financing: {
        voucher: { id: 'v-fin', holderId: E.bankA },
        applicant: { id: E.tier1 },
        bank: { id: E.bankA },
        debtor: { id: E.core },
      },
    });
    expect(dataOf(await harness.graphql(financed, {}, userOf('tier1')))).toMatchObject({
      financing: { voucher: null },
    });
  });
});
