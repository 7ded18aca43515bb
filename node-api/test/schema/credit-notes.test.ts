import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dilute } from '@scf/ledger-contract';
import { ledgerOver } from '../support/recording-ledger.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { fakeContracts, type ContractCall } from '../support/fake-contract.ts';
import { codesOf, dataOf } from '../support/graphql-data.ts';
import {
  E,
  financing,
  invoice,
  proof,
  seedEnterprises,
  userOf,
  voucher,
} from '../support/read-model-seed.ts';

/**
 * Dilution in the API. Tier 1's ¥10,000.00 invoice to the core became root R: tier 1 kept R.1 (¥3,000.00),
 * passed R.2 (¥2,000.00) to tier 2 and financed R.3 (¥5,000.00) at bank A. Credit note N (¥4,500.00,
 * accepted) wrote R.1 off and split R.3 into R.3.1 (¥3,500.00, still financed) and R.3.2 (¥1,500.00,
 * written off): bank A's claim N:1 on tier 1. Credit note P (¥1,000.00) is pending.
 */
const N = 'i1:0000000000000001';
const P = 'i1:0000000000000002';
const DOC = 'c'.repeat(64);
const OWED = { debtorId: E.core, rootId: 'R', invoiceId: 'i1' };

describe('credit notes and dilution claims in the API', () => {
  let harness: ApiHarness;
  let calls: ContractCall[];

  beforeAll(async () => {
    const fake = fakeContracts(() => ({ id: P }));
    calls = fake.calls;
    const ledger = ledgerOver(fake.contractOf);
    harness = await startApiHarness({ ledgerAs: () => Promise.resolve(ledger) });
    const db = harness.db;
    await seedEnterprises(db);
    await db.invoice.create({
      data: invoice({
        id: 'i1',
        sellerId: E.tier1,
        buyerId: E.core,
        amount: 1_000_000n,
        status: 'CONFIRMED',
        voucherId: 'R',
        creditedAmount: 450_000n,
      }),
    });
    await db.voucher.createMany({
      data: [
        voucher({ id: 'R', ...OWED, holderId: E.tier1, amount: 1_000_000n, status: 'SPLIT' }),
        voucher({
          id: 'R.1',
          ...OWED,
          holderId: E.tier1,
          amount: 300_000n,
          status: 'WRITTEN_OFF',
          dilutionNoteId: N,
          dilutedAmount: 300_000n,
        }),
        voucher({ id: 'R.2', ...OWED, holderId: E.tier2, amount: 200_000n, tier: 1 }),
        voucher({
          id: 'R.3',
          ...OWED,
          holderId: E.bankA,
          amount: 500_000n,
          status: 'SPLIT',
          financingId: 'f',
          dilutionNoteId: N,
          dilutedAmount: 150_000n,
        }),
        voucher({
          id: 'R.3.1',
          ...OWED,
          holderId: E.bankA,
          amount: 350_000n,
          status: 'FINANCED',
          financingId: 'f',
        }),
        voucher({
          id: 'R.3.2',
          ...OWED,
          holderId: E.bankA,
          amount: 150_000n,
          status: 'WRITTEN_OFF',
          dilutionNoteId: N,
          dilutedAmount: 150_000n,
        }),
      ],
    });
    await db.financing.create({
      data: financing({
        id: 'f',
        voucherId: 'R.3',
        applicantId: E.tier1,
        bankId: E.bankA,
        debtorId: E.core,
        amount: 500_000n,
        status: 'DISBURSED',
      }),
    });
    const note = {
      invoiceId: 'i1',
      sellerId: E.tier1,
      buyerId: E.core,
      reasonKind: 'RETURN',
      reason: '15 motors returned',
      documentHash: DOC,
    };
    await db.creditNote.createMany({
      data: [
        {
          id: N,
          ...note,
          amount: 450_000n,
          status: 'ACCEPTED',
          decidedAt: new Date('2026-03-02T02:00:00.000Z'),
          reductions: [
            { voucherId: 'R.1', from: '300000', to: '0' },
            { voucherId: 'R.3', from: '500000', to: '350000' },
          ],
          claimIds: [`${N}:1`],
          ...proof('2026-03-01T02:00:00.000Z'),
        },
        {
          id: P,
          ...note,
          amount: 100_000n,
          reasonKind: 'PRICE_REDUCTION',
          status: 'PENDING',
          reductions: [],
          claimIds: [],
          ...proof('2026-03-03T02:00:00.000Z'),
        },
      ],
    });
    const claim = { creditNoteId: N, invoiceId: 'i1', status: 'OPEN' };
    await db.dilutionClaim.createMany({
      data: [
        {
          id: `${N}:1`,
          ...claim,
          kind: 'BANK',
          creditorId: E.bankA,
          debtorId: E.tier1,
          amount: 150_000n,
          voucherId: 'R.3',
          financingId: 'f',
          ...proof(),
        },
        // Someone else's: bank B's claim on tier 2, of another invoice.
        {
          id: 'other:1',
          ...claim,
          creditNoteId: 'other',
          kind: 'BANK',
          creditorId: E.bankB,
          debtorId: E.tier2,
          amount: 1n,
          ...proof(),
        },
      ],
    });
    await db.approval.create({
      data: {
        id: 'a'.repeat(64),
        enterpriseId: E.core,
        action: 'creditnote:Accept',
        args: { creditNoteId: P },
        preparedByMsp: 'Org1MSP',
        preparedBy: 'x509::/OU=client/CN=core-clerk::/CN=ca',
        preparedAt: new Date('2026-03-03T03:00:00.000Z'),
        status: 'PENDING',
        ...proof(),
      },
    });
    await db.documentOwner.create({
      data: { sha256: DOC, enterpriseId: E.tier1, uploadedBy: 'user-tier1', uploadedAt: new Date() },
    });
  });
  afterAll(async () => {
    await harness.stop();
  });
  beforeEach(() => {
    calls.length = 0;
  });

  const notesOf = async (who: Parameters<typeof userOf>[0]) =>
    dataOf(
      await harness.graphql<{ creditNotes: { id: string }[] }>(
        'query { creditNotes(invoiceId: "i1") { id } }',
        {},
        userOf(who, 'clerk'),
      ),
    ).creditNotes.map((n) => n.id);
  const claimsOf = async (who: Parameters<typeof userOf>[0]) =>
    dataOf(
      await harness.graphql<{ dilutionClaims: { id: string }[] }>(
        'query { dilutionClaims { id } }',
        {},
        userOf(who, 'clerk'),
      ),
    ).dilutionClaims.map((c) => c.id);

  it('shows the credit notes to the seller and the buyer only, newest first, with what they did', async () => {
    expect(await notesOf('tier1')).toEqual([P, N]);
    expect(await notesOf('core')).toEqual([P, N]);
    for (const outsider of ['bankA', 'tier2', 'otherCore'] as const)
      expect(await notesOf(outsider)).toEqual([]);
    const answer = dataOf(
      await harness.graphql<{ invoice: unknown }>(
        `query { invoice(id: "i1") { amount creditedAmount creditNotes { id status amount reasonKind
          reductions { voucherId from to } claims { id kind creditor { id } amount } } } }`,
        {},
        userOf('tier1'),
      ),
    );
    expect(answer.invoice).toEqual({
      amount: '1000000',
      creditedAmount: '450000',
      creditNotes: [
        {
          id: P,
          status: 'PENDING',
          amount: '100000',
          reasonKind: 'PRICE_REDUCTION',
          reductions: [],
          claims: [],
        },
        {
          id: N,
          status: 'ACCEPTED',
          amount: '450000',
          reasonKind: 'RETURN',
          reductions: [
            { voucherId: 'R.1', from: '300000', to: '0' },
            { voucherId: 'R.3', from: '500000', to: '350000' },
          ],
          claims: [{ id: `${N}:1`, kind: 'BANK', creditor: { id: E.bankA }, amount: '150000' }],
        },
      ],
    });
  });

  it('shows each dilution claim to its creditor and the seller only: on both sides', async () => {
    expect(await claimsOf('bankA')).toEqual([`${N}:1`]);
    expect(await claimsOf('tier1')).toEqual([`${N}:1`]);
    expect(await claimsOf('bankB')).toEqual(['other:1']);
    expect(await claimsOf('core')).toEqual([]);
    // The buyer sees the note but not the bank's claim on the seller.
    const seen = dataOf(
      await harness.graphql<{ creditNotes: { claims: unknown[] }[] }>(
        'query { creditNotes { claims { id } } }',
        {},
        userOf('core'),
      ),
    );
    expect(seen.creditNotes.flatMap((n) => n.claims)).toEqual([]);
  });

  it('gives the buyer the open pieces the shared rule dilutes, and the diluted amount of each piece', async () => {
    const ask = (who: Parameters<typeof userOf>[0]) =>
      harness.graphql<{ invoice: { dilutablePieces: unknown } | null; voucher: unknown }>(
        `query { invoice(id: "i1") { dilutablePieces { id holderId amount bankId applicantId } }
          voucher(id: "R.3.2") { status dilutedAmount dilutionNoteId } }`,
        {},
        userOf(who),
      );
    const core = dataOf(await ask('core'));
    const pieces: {
      id: string;
      holderId: string;
      amount: string;
      bankId: string | null;
      applicantId: string | null;
    }[] = [
      { id: 'R.2', holderId: E.tier2, amount: '200000', bankId: null, applicantId: null },
      { id: 'R.3.1', holderId: E.bankA, amount: '350000', bankId: E.bankA, applicantId: E.tier1 },
    ];
    expect(core.invoice?.dilutablePieces).toEqual(pieces);
    expect(core.voucher).toEqual({ status: 'WRITTEN_OFF', dilutedAmount: '150000', dilutionNoteId: N });
    // The pending ¥1,000.00 would come off bank A's piece: its claim on tier 1 grows by as much.
    const outcome = dilute(
      pieces.map((p) => ({
        id: p.id,
        holderId: p.holderId,
        amountFen: BigInt(p.amount),
        ...(p.bankId && p.applicantId ? { financing: { bankId: p.bankId, applicantId: p.applicantId } } : {}),
      })),
      { sellerId: E.tier1, buyerId: E.core },
      100_000n,
    );
    expect(outcome.claims).toEqual([
      { creditorId: E.bankA, debtorId: E.tier1, amountFen: 100_000n, pieceId: 'R.3.1' },
    ]);
    expect(dataOf(await ask('tier1')).invoice?.dilutablePieces).toBeNull();
  });

  it('sends register, accept, decline, withdraw and a prepared accept to the ledger as their transactions', async () => {
    const register = `mutation { registerCreditNote(input: { invoiceId: "i1", amount: "100000",
      reasonKind: PRICE_REDUCTION, reason: "price cut", documentSha256: "${DOC}" }) { projection creditNote { id } } }`;
    expect(codesOf(await harness.graphql(register, {}, userOf('tier1', 'clerk')))).toEqual([]);
    await harness.graphql(`mutation { acceptCreditNote(id: "${P}") { projection } }`, {}, userOf('core'));
    await harness.graphql(
      `mutation { declineCreditNote(id: "${P}", reason: "no return seen") { projection } }`,
      {},
      userOf('core', 'admin'),
    );
    await harness.graphql(
      `mutation { withdrawCreditNote(id: "${P}") { projection } }`,
      {},
      userOf('tier1', 'clerk'),
    );
    await harness.graphql(
      `mutation { prepareAction(input: { acceptCreditNote: { creditNoteId: "${P}" } }) { projection } }`,
      {},
      userOf('core', 'clerk'),
    );
    expect(calls.map((call) => [call.call, call.args])).toEqual([
      ['creditnote.Register', ['i1', '100000', 'PRICE_REDUCTION', 'price cut', DOC]],
      ['creditnote.Accept', [P]],
      ['creditnote.Decline', [P, 'no return seen']],
      ['creditnote.Withdraw', [P]],
      ['approval.Prepare', ['creditnote:Accept', `{"creditNoteId":"${P}"}`]],
    ]);
  });

  it('shows the core’s approvers a prepared acceptance with the credit note it accepts', async () => {
    const answer = dataOf(
      await harness.graphql<{ approvals: { edges: { node: unknown }[] } }>(
        '{ approvals { edges { node { action creditNote { id amount invoice { id } } } } } }',
        {},
        userOf('core'),
      ),
    );
    expect(answer.approvals.edges.map((edge) => edge.node)).toEqual([
      { action: 'ACCEPT_CREDIT_NOTE', creditNote: { id: P, amount: '100000', invoice: { id: 'i1' } } },
    ]);
  });

  it('refuses the wrong side, a clerk deciding, a document not its own and a blank reason before the ledger', async () => {
    const register = (amount: string) => `mutation { registerCreditNote(input: { invoiceId: "i1",
      amount: "${amount}", reasonKind: RETURN, reason: "returned", documentSha256: "${DOC}" }) { projection } }`;
    const cases: [string, Parameters<typeof userOf>, string][] = [
      [register('1'), ['core'], 'FORBIDDEN'],
      [register('1'), ['bankA'], 'FORBIDDEN'],
      [register('1'), ['tier2'], 'DOCUMENT_NOT_OWNED'],
      [`mutation { acceptCreditNote(id: "${P}") { projection } }`, ['core', 'clerk'], 'FORBIDDEN'],
      [`mutation { acceptCreditNote(id: "${P}") { projection } }`, ['bankA'], 'FORBIDDEN'],
      [
        `mutation { declineCreditNote(id: "${P}", reason: " ") { projection } }`,
        ['core'],
        'INVALID_ARGUMENT',
      ],
      [`mutation { withdrawCreditNote(id: "${P}") { projection } }`, ['bankB'], 'FORBIDDEN'],
    ];
    for (const [query, [who, role], code] of cases) {
      expect(codesOf(await harness.graphql(query, {}, userOf(who, role))), `${who} ${query}`).toEqual([code]);
    }
    expect(calls).toEqual([]);
  });
});
