import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { codesOf, dataOf } from '../support/graphql-data.ts';
import { day, E, invoice, seedEnterprises, userOf, voucher } from '../support/read-model-seed.ts';
import { recordingLedger, type Submission } from '../support/recording-ledger.ts';

/**
 * Root r (core owes tier 1, long-term) split: k kept by tier 1; w waits for tier 2 (backed by invoice
 * i2); a accepted by tier 2; x declined by tier 2 and returned to tier 1 as piece rx.
 */
const ROOT = { debtorId: E.core, rootId: 'r', maturityDate: day('2026-09-30'), longTerm: true };
const PIECES = [
  voucher({ id: 'r', ...ROOT, holderId: E.tier1, amount: 10_000n, status: 'SPLIT' }),
  voucher({ id: 'k', ...ROOT, parentId: 'r', holderId: E.tier1, amount: 1_000n }),
  voucher({
    id: 'w',
    ...ROOT,
    parentId: 'r',
    tier: 1,
    holderId: E.tier2,
    amount: 4_000n,
    status: 'PENDING_ACCEPTANCE',
    invoiceId: 'i2',
    transferredFrom: E.tier1,
    consentStatus: 'PENDING',
  }),
  voucher({
    id: 'a',
    ...ROOT,
    parentId: 'r',
    tier: 1,
    holderId: E.tier2,
    amount: 3_000n,
    invoiceId: 'i2',
    transferredFrom: E.tier1,
    consentStatus: 'ACCEPTED',
    consentDecidedAt: new Date('2026-03-02T02:00:00.000Z'),
  }),
  voucher({
    id: 'x',
    ...ROOT,
    parentId: 'r',
    tier: 1,
    holderId: E.tier2,
    amount: 2_000n,
    status: 'RETURNED',
    invoiceId: 'i2',
    transferredFrom: E.tier1,
    consentStatus: 'DECLINED',
    consentDecidedAt: new Date('2026-03-03T02:00:00.000Z'),
    declineReason: '只收现金',
    returnedAs: 'rx',
  }),
  voucher({ id: 'rx', ...ROOT, parentId: 'r', holderId: E.tier1, amount: 2_000n, returnOf: 'x' }),
  // Not long-term, owed by another core enterprise, waiting for tier 2 too (a later maturity).
  voucher({
    id: 'w2',
    debtorId: E.otherCore,
    rootId: 'w2',
    tier: 1,
    holderId: E.tier2,
    amount: 500n,
    status: 'PENDING_ACCEPTANCE',
    maturityDate: day('2026-10-31'),
    transferredFrom: E.tier1,
    consentStatus: 'PENDING',
  }),
];

const PENDING = `{ pendingAcceptances(first: 10) { totalCount edges { node {
  id amount maturityDate longTerm debtor { name } invoice { number }
  consent { status senderId sender { name } decidedAt reason returnedAsId }
} } } }`;

interface PendingAnswer {
  pendingAcceptances: { totalCount: number; edges: { node: Record<string, unknown> }[] };
}

describe('consent to transfers in the API', () => {
  let harness: ApiHarness;
  let submissions: Submission[];

  beforeAll(async () => {
    const recording = recordingLedger();
    submissions = recording.submissions;
    harness = await startApiHarness({ ledgerAs: recording.ledgerAs });
    await seedEnterprises(harness.db);
    await harness.db.invoice.create({
      data: invoice({ id: 'i2', number: 'T2-0001', sellerId: E.tier2, buyerId: E.tier1, amount: 9_000n }),
    });
    await harness.db.voucher.createMany({ data: PIECES });
  });
  afterAll(async () => {
    await harness.stop();
  });
  beforeEach(() => {
    submissions.length = 0;
  });

  const ids = async (query: string, user = userOf('tier1')): Promise<string[]> =>
    dataOf(
      await harness.graphql<{ vouchers: { edges: { node: { id: string } }[] } }>(query, {}, user),
    ).vouchers.edges.map((edge) => edge.node.id);

  it('lists what waits for my enterprise: debtor, amount, maturity, the invoice it settles, the sender', async () => {
    const answer = dataOf(
      await harness.graphql<PendingAnswer>(PENDING, {}, userOf('tier2')),
    ).pendingAcceptances;
    expect(answer.totalCount).toBe(2);
    expect(answer.edges.map((edge) => edge.node)).toEqual([
      {
        id: 'w',
        amount: '4000',
        maturityDate: '2026-09-30',
        longTerm: true,
        debtor: { name: 'Great Wall Motors' },
        invoice: { number: 'T2-0001' },
        consent: {
          status: 'PENDING',
          senderId: E.tier1,
          sender: { name: 'Tier-1 Gearbox Co' },
          decidedAt: null,
          reason: null,
          returnedAsId: null,
        },
      },
      expect.objectContaining({ id: 'w2', longTerm: false, invoice: null }),
    ]);
    // The sender is asked nothing; neither is the debtor, who sees the pieces all the same.
    for (const who of ['tier1', 'core'] as const) {
      const other = dataOf(await harness.graphql<PendingAnswer>(PENDING, {}, userOf(who)));
      expect(other.pendingAcceptances.totalCount).toBe(0);
    }
  });

  it('shows the sender its pieces while they wait and once returned, not once accepted', async () => {
    const sent = await ids(
      `{ vouchers(first: 20, filter: { transferredFromId: "${E.tier1}" }) { edges { node { id } } } }`,
    );
    expect(sent.sort()).toEqual(['w', 'w2', 'x']);
    const declined = dataOf(
      await harness.graphql<{ voucher: { consent: unknown } }>(
        '{ voucher(id: "x") { status consent { status reason returnedAsId returnedAs { id holder { id } returnOfId } } } }',
        {},
        userOf('tier1'),
      ),
    ).voucher;
    expect(declined).toEqual({
      status: 'RETURNED',
      consent: {
        status: 'DECLINED',
        reason: '只收现金',
        returnedAsId: 'rx',
        returnedAs: { id: 'rx', holder: { id: E.tier1 }, returnOfId: 'x' },
      },
    });
    // The recipient still sees the accepted piece, and where it came from.
    const accepted = dataOf(
      await harness.graphql<{ voucher: unknown }>(
        '{ voucher(id: "a") { status consent { status senderId decidedAt } } }',
        {},
        userOf('tier2'),
      ),
    ).voucher;
    expect(accepted).toEqual({
      status: 'ACTIVE',
      consent: { status: 'ACCEPTED', senderId: E.tier1, decidedAt: '2026-03-02T02:00:00.000Z' },
    });
    expect(
      dataOf(await harness.graphql<{ voucher: unknown }>('{ voucher(id: "a") { id } }', {}, userOf('tier1')))
        .voucher,
    ).toBeNull();
  });

  it('flags long-term vouchers, and filters by the flag', async () => {
    const flagged = await ids(
      '{ vouchers(first: 20, filter: { longTerm: true }) { edges { node { id } } } }',
    );
    expect(flagged.sort()).toEqual(['k', 'r', 'rx', 'w', 'x']);
    const others = await ids(
      '{ vouchers(first: 20, filter: { longTerm: false }) { edges { node { id } } } }',
      userOf('tier2'),
    );
    expect(others).toEqual(['w2']);
  });

  it("counts a waiting piece among the debtor's unpaid vouchers, not among what its recipient holds", async () => {
    type Board = {
      dashboard: {
        maturityLadder: { amount: string }[];
        exposureByDebtor: { debtor: { id: string }; count: number; amount: string }[];
      };
    };
    const query =
      '{ dashboard { maturityLadder(asOf: "2026-03-01") { amount } exposureByDebtor { debtor { id } count amount } } }';
    const owed = dataOf(await harness.graphql<Board>(query, {}, userOf('core'))).dashboard.maturityLadder;
    // The root's 10,000 still owed, whole: kept 1,000 + waiting 4,000 + accepted 3,000 + returned 2,000.
    expect(owed.reduce((sum, step) => sum + BigInt(step.amount), 0n)).toBe(10_000n);
    const held = dataOf(await harness.graphql<Board>(query, {}, userOf('tier2'))).dashboard.exposureByDebtor;
    expect(held).toEqual([{ debtor: { id: E.core }, count: 1, amount: '3000' }]);
  });

  it('counts the pieces waiting for a supplier among what needs it', async () => {
    const query = '{ dashboard { needsMe { transfersToAccept } } }';
    type Needs = { dashboard: { needsMe: { transfersToAccept: number } } };
    expect(dataOf(await harness.graphql<Needs>(query, {}, userOf('tier2'))).dashboard.needsMe).toEqual({
      transfersToAccept: 2,
    });
    expect(dataOf(await harness.graphql<Needs>(query, {}, userOf('core'))).dashboard.needsMe).toEqual({
      transfersToAccept: 0,
    });
  });

  it("sends accept, decline and withdraw to the ledger with the caller's arguments", async () => {
    const accept = await harness.graphql<{ acceptTransfer: { projection: string; voucher: { id: string } } }>(
      'mutation { acceptTransfer(voucherId: "w") { projection voucher { id status } } }',
      {},
      userOf('tier2'),
    );
    expect(dataOf(accept).acceptTransfer).toEqual({
      projection: 'APPLIED',
      voucher: { id: 'w', status: 'PENDING_ACCEPTANCE' },
    });
    await harness.graphql(
      'mutation { declineTransfer(voucherId: "w", reason: "账期过长\\n请改付现金") { projection } }',
      {},
      userOf('tier2', 'admin'),
    );
    await harness.graphql(
      'mutation { withdrawTransfer(voucherId: "w") { projection } }',
      {},
      userOf('tier1'),
    );
    expect(submissions.map((call) => [call.call, call.args])).toEqual([
      ['voucher.AcceptTransfer', ['w']],
      ['voucher.DeclineTransfer', ['w', '账期过长\n请改付现金']],
      ['voucher.WithdrawTransfer', ['w']],
    ]);
  });

  it('refuses clerks, the wrong kinds and a blank reason before the ledger', async () => {
    const attempts = [
      harness.graphql(
        'mutation { acceptTransfer(voucherId: "w") { projection } }',
        {},
        userOf('tier2', 'clerk'),
      ),
      harness.graphql('mutation { acceptTransfer(voucherId: "w") { projection } }', {}, userOf('bankA')),
      harness.graphql('mutation { withdrawTransfer(voucherId: "w") { projection } }', {}, userOf('carrier')),
      harness.graphql(
        'mutation { declineTransfer(voucherId: "w", reason: "x") { projection } }',
        {},
        userOf('tier2', 'clerk'),
      ),
    ];
    for (const result of await Promise.all(attempts)) expect(codesOf(result)).toEqual(['FORBIDDEN']);
    const blank = await harness.graphql(
      'mutation { declineTransfer(voucherId: "w", reason: "   ") { projection } }',
      {},
      userOf('tier2'),
    );
    expect(codesOf(blank)).toEqual(['INVALID_ARGUMENT']);
    expect(submissions).toEqual([]);
  });
});
