import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { codesOf, dataOf } from '../support/graphql-data.ts';
import { MemoryRegistry } from '../support/memory-registry.ts';
import { E, financing, seedEnterprises, userOf, voucher } from '../support/read-model-seed.ts';
import { recordingLedger, type Submission } from '../support/recording-ledger.ts';

const DISBURSE =
  'mutation($id: ID!) { disburseFinancing(id: $id, paymentReference: "PAY-1") { projection } }';
const EARLIER = { registrationNumber: '2025123100000009', registeredAt: '2025-12-31T08:00:00.000Z' };

/** The disbursement's registration step (银发〔2025〕77号): registry first, the ledger only after it. */
describe('disburseFinancing registers at the registry first', () => {
  let harness: ApiHarness;
  let registry: MemoryRegistry;
  let submissions: Submission[];

  beforeAll(async () => {
    const recording = recordingLedger();
    submissions = recording.submissions;
    registry = new MemoryRegistry();
    harness = await startApiHarness({ ledgerAs: recording.ledgerAs, registry });
    await seedEnterprises(harness.db);
    const rows = [
      { id: 'F-OK', voucherId: 'V-OK', status: 'ACCEPTED' },
      { id: 'F-TAKEN', voucherId: 'V-TAKEN', status: 'ACCEPTED' },
      { id: 'F-OFFERED', voucherId: 'V-OFFERED', status: 'OFFERED' },
      { id: 'F-B', voucherId: 'V-B', status: 'ACCEPTED', bankId: E.bankB },
    ];
    for (const row of rows) {
      await harness.db.voucher.create({
        data: voucher({ id: row.voucherId, debtorId: E.core, holderId: E.tier1 }),
      });
      await harness.db.financing.create({
        data: financing({ applicantId: E.tier1, bankId: E.bankA, debtorId: E.core, ...row }),
      });
    }
  });
  afterAll(async () => {
    await harness.stop();
  });
  beforeEach(() => {
    submissions.length = 0;
    registry.calls.length = 0;
    registry.down = false;
  });

  const disburse = (id: string, who: 'bankA' | 'bankB' = 'bankA') =>
    harness.graphql(DISBURSE, { id }, userOf(who));

  it('searches, registers as the bank, then submits Disburse with both answers', async () => {
    dataOf(await disburse('F-OK'));
    expect(registry.calls).toEqual(['search V-OK', `register V-OK ${E.bankA}`]);
    expect(submissions.map((s) => s.call)).toEqual(['financing.Disburse']);
    const [financingId, reference, registrationJson] = submissions[0]?.args ?? [];
    expect([financingId, reference]).toEqual(['F-OK', 'PAY-1']);
    expect(JSON.parse(registrationJson ?? '')).toEqual({
      receivable: { voucherId: 'V-OK', debtorId: E.core, amount: '100000' },
      registration: registry.entries.get('V-OK'),
      search: { searchedAt: expect.any(String) as string, entries: [] },
    });
  });

  it('answers REGISTRY_UNAVAILABLE when the registry is down, and submits nothing', async () => {
    registry.down = true;
    const result = await disburse('F-OK');
    expect(codesOf(result)).toEqual(['REGISTRY_UNAVAILABLE']);
    expect(submissions).toEqual([]);
    // The write's record says what the client was told, so that a retry with its key starts afresh.
    const recorded = await harness.db.clientRequest.findFirst({
      where: { operation: 'disburseFinancing' },
      orderBy: { id: 'desc' },
    });
    expect(recorded).toMatchObject({ state: 'FAILED', reason: 'REGISTRY_UNAVAILABLE', transactionId: null });
  });

  it('answers REGISTRY_CONFLICT when another party registered first: no registration, nothing submitted', async () => {
    registry.entries.set('V-TAKEN', { ...EARLIER, registrantId: E.bankB });
    const result = await disburse('F-TAKEN');
    expect(codesOf(result)).toEqual(['REGISTRY_CONFLICT']);
    expect(result.errors?.[0]?.extensions?.registration).toEqual({ ...EARLIER, registrantId: E.bankB });
    expect(registry.calls).toEqual(['search V-TAKEN']);
    expect(submissions).toEqual([]);
  });

  it.each([
    ['a financing not yet accepted', 'F-OFFERED', 'bankA', 'INVALID_STATE'],
    ['another bank’s financing', 'F-B', 'bankA', 'FORBIDDEN'],
    ['an unknown financing', 'F-NONE', 'bankA', 'NOT_FOUND'],
  ] as const)('registers nothing for %s', async (_, id, who, code) => {
    expect(codesOf(await disburse(id, who))).toEqual([code]);
    expect(registry.calls).toEqual([]);
    expect(submissions).toEqual([]);
  });
});

interface NoticeList {
  financings: {
    edges: {
      node: {
        id: string;
        registration: {
          registrationNumber: string;
          registrant: { id: string };
          searchResult: unknown[];
        } | null;
        assignmentNotice: { assignor: { id: string }; assignee: { id: string }; noticedAt: string } | null;
      };
    }[];
  };
}

describe('the registration and the notice of assignment in the read model', () => {
  let harness: ApiHarness;
  beforeAll(async () => {
    harness = await startApiHarness();
    await seedEnterprises(harness.db);
    for (const [id, disbursed] of [
      ['F-DISBURSED', true],
      ['F-ACCEPTED', false],
    ] as const) {
      await harness.db.voucher.create({
        data: voucher({ id: `V-${id}`, debtorId: E.core, holderId: E.tier1 }),
      });
      await harness.db.financing.create({
        data: financing({
          id,
          voucherId: `V-${id}`,
          applicantId: E.tier1,
          bankId: E.bankA,
          debtorId: E.core,
          status: disbursed ? 'DISBURSED' : 'ACCEPTED',
          ...(disbursed
            ? {
                registrationNumber: '2026010500000001',
                registeredAt: new Date('2026-01-05T01:59:30.000Z'),
                registrantId: E.bankA,
                registrantMsp: 'BankAMSP',
                registrySearchedAt: new Date('2026-01-05T01:59:00.000Z'),
                registrySearchResult: [],
                noticedAt: new Date('2026-01-05T02:00:00.000Z'),
              }
            : {}),
        }),
      });
    }
  });
  afterAll(async () => {
    await harness.stop();
  });

  const notices = async (who: 'core' | 'bankA' | 'bankB', noticed?: boolean) =>
    dataOf(
      await harness.graphql<NoticeList>(
        `query($noticed: Boolean) { financings(first: 10, filter: { noticed: $noticed }) { edges { node {
          id registration { registrationNumber registrant { id } searchResult { registrationNumber } }
          assignmentNotice { noticedAt assignor { id } assignee { id } }
        } } } }`,
        noticed === undefined ? {} : { noticed },
        userOf(who),
      ),
    ).financings.edges.map((edge) => edge.node);

  it('shows the debtor its notices: whom to pay from now on, under which registration', async () => {
    expect(await notices('core', true)).toEqual([
      {
        id: 'F-DISBURSED',
        registration: {
          registrationNumber: '2026010500000001',
          registrant: { id: E.bankA },
          searchResult: [],
        },
        assignmentNotice: {
          noticedAt: '2026-01-05T02:00:00.000Z',
          assignor: { id: E.tier1 },
          assignee: { id: E.bankA },
        },
      },
    ]);
    expect(
      (await notices('core', false)).map((node) => [node.id, node.registration, node.assignmentNotice]),
    ).toEqual([['F-ACCEPTED', null, null]]);
  });

  it('shows the bank its registration, and another bank nothing of the financing', async () => {
    expect((await notices('bankA', true)).map((node) => node.registration?.registrationNumber)).toEqual([
      '2026010500000001',
    ]);
    expect(await notices('bankB')).toEqual([]);
  });
});
