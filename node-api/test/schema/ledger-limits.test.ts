import {
  creditCodeCheckChar,
  INT_RANGES,
  MAX_FEN,
  MAX_LINEAGE_STEPS,
  MAX_PIECES,
  TEXT_RULES,
} from '@scf/ledger-contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness, type GraphQLResult } from '../support/api-harness.ts';
import { E, financing, seedEnterprises, userOf, voucher } from '../support/read-model-seed.ts';
import { MemoryRegistry } from '../support/memory-registry.ts';
import { recordingLedger, type Submission } from '../support/recording-ledger.ts';

/**
 * The node refuses what the ledger would refuse, at the ledger's own limits (@scf/ledger-contract),
 * before anything is submitted; and lets through everything up to them. The rules themselves are
 * tested beside them in packages/ledger-contract: these tests check that the API applies them.
 */
describe("the API's inputs at the ledger's limits", () => {
  let harness: ApiHarness;
  let submissions: Submission[];
  beforeAll(async () => {
    const recording = recordingLedger();
    submissions = recording.submissions;
    harness = await startApiHarness({ ledgerAs: recording.ledgerAs, registry: new MemoryRegistry() });
    await seedEnterprises(harness.db);
    await harness.db.voucher.create({ data: voucher({ id: 'V-1', debtorId: E.core, holderId: E.tier1 }) });
    await harness.db.financing.create({
      data: financing({
        id: 'F-1',
        voucherId: 'V-1',
        applicantId: E.tier1,
        bankId: E.bankA,
        debtorId: E.core,
      }),
    });
    // Disbursement registers first, and only for an accepted financing.
    await harness.db.voucher.create({ data: voucher({ id: 'V-2', debtorId: E.core, holderId: E.tier1 }) });
    await harness.db.financing.create({
      data: financing({
        id: 'F-2',
        voucherId: 'V-2',
        applicantId: E.tier1,
        bankId: E.bankA,
        debtorId: E.core,
        status: 'ACCEPTED',
      }),
    });
  });
  afterAll(async () => {
    await harness.stop();
  });
  beforeEach(() => {
    submissions.length = 0;
  });

  const codeOf = (result: GraphQLResult): string | undefined => result.errors?.[0]?.extensions?.code;
  /** Whether the mutation got as far as the ledger (one submission), or was refused before it. */
  const reachedLedger = async (result: Promise<GraphQLResult>): Promise<boolean | string> => {
    const before = submissions.length;
    const answer = await result;
    if (submissions.length > before)
      return answer.errors === undefined ? true : JSON.stringify(answer.errors);
    return codeOf(answer) === 'INVALID_ARGUMENT' ? false : JSON.stringify(answer.errors ?? answer.data);
  };

  const offer = (spreadBps: number) =>
    harness.graphql(
      'mutation($t: OfferInput!) { offerFinancing(id: "F-1", terms: $t) { projection } }',
      { t: { advanceRateBps: 8_000, spreadBps, fees: '0', validUntil: '2026-04-01', recourse: false } },
      userOf('bankA'),
    );
  const split = (pieces: { amount: string }[]) =>
    harness.graphql(
      'mutation($p: [VoucherPieceInput!]!) { splitTransfer(voucherId: "V-1", pieces: $p) { projection } }',
      { p: pieces },
      userOf('tier1'),
    );
  const pay = (reference: string) =>
    harness.graphql(
      'mutation($r: String!) { payVoucher(voucherId: "V-1", paymentReference: $r) { projection } }',
      { r: reference },
      userOf('core'),
    );
  const disburse = (reference: string) =>
    harness.graphql(
      'mutation($r: String!) { disburseFinancing(id: "F-2", paymentReference: $r) { projection } }',
      { r: reference },
      userOf('bankA'),
    );
  const registerEnterprise = (id: string) =>
    harness.graphql(
      'mutation($id: String!) { registerEnterprise(id: $id, name: "New Co", kind: SUPPLIER) { projection } }',
      { id },
      userOf('core', 'admin'),
    );
  const publishRate = (rateBps: number, effectiveDate: string) =>
    harness.graphql(
      'mutation($r: Int!, $d: Date!) { publishRate(tenor: LPR_1Y, rateBps: $r, effectiveDate: $d) { projection } }',
      { r: rateBps, d: effectiveDate },
      userOf('bankA', 'admin'),
    );

  it('takes a spread from -500 to 5000 basis points, below the LPR too', async () => {
    expect(INT_RANGES.spreadBps).toEqual({ min: -500, max: 5_000 });
    expect(await reachedLedger(offer(-500))).toBe(true);
    expect(await reachedLedger(offer(-1))).toBe(true);
    expect(await reachedLedger(offer(5_000))).toBe(true);
    expect(await reachedLedger(offer(-501))).toBe(false);
    expect(await reachedLedger(offer(5_001))).toBe(false);
  });

  it('splits into up to 50 pieces, not 51', async () => {
    const pieces = (n: number) => Array.from({ length: n }, () => ({ amount: '1' }));
    expect(await reachedLedger(split(pieces(MAX_PIECES)))).toBe(true);
    expect(await reachedLedger(split(pieces(MAX_PIECES + 1)))).toBe(false);
    expect(await reachedLedger(split([]))).toBe(false);
  });

  it('takes money up to 10^16 fen, not one fen more', async () => {
    expect(MAX_FEN).toBe(10n ** 16n);
    expect(await reachedLedger(split([{ amount: MAX_FEN.toString() }]))).toBe(true);
    expect(await reachedLedger(split([{ amount: (MAX_FEN + 1n).toString() }]))).toBe(false);
    expect(await reachedLedger(split([{ amount: '999999999999999999' }]))).toBe(false);
  });

  it('takes a payment reference of 64 characters, counted in code points, not 65', async () => {
    expect(TEXT_RULES.paymentReference.max).toBe(64);
    for (const send of [pay, disburse]) {
      expect(await reachedLedger(send('R'.repeat(64)))).toBe(true);
      // 64 characters outside the BMP: 128 UTF-16 code units, still 64 characters.
      expect(await reachedLedger(send('😀'.repeat(64)))).toBe(true);
      expect(await reachedLedger(send('R'.repeat(65)))).toBe(false);
      expect(await reachedLedger(send('😀'.repeat(65)))).toBe(false);
    }
  });

  it("checks a credit code's GB 32100 check character and passes it on in upper case", async () => {
    const first17 = '91370200MA0F00001';
    const check = creditCodeCheckChar(first17);
    const wrong = check === '0' ? '1' : '0';
    expect(await reachedLedger(registerEnterprise(`${first17}${check}`))).toBe(true);
    expect(await reachedLedger(registerEnterprise(`${first17}${wrong}`))).toBe(false);
    expect(await reachedLedger(registerEnterprise(`${first17.slice(0, 16)}I${check}`))).toBe(false);
    const lower = `${first17}${check}`.toLowerCase();
    expect(await reachedLedger(registerEnterprise(lower))).toBe(true);
    expect(JSON.stringify(submissions.at(-1)?.args)).toContain(`${first17}${check}`);
  });

  it('takes dates of the years the ledger takes, and rates in its range', async () => {
    expect(await reachedLedger(publishRate(INT_RANGES.rateBps.max, '2026-03-20'))).toBe(true);
    expect(await reachedLedger(publishRate(INT_RANGES.rateBps.max + 1, '2026-03-20'))).toBe(false);
    expect(await reachedLedger(publishRate(305, '2199-12-31'))).toBe(true);
    expect(await reachedLedger(publishRate(305, '2200-01-01'))).toBe(false);
    expect(await reachedLedger(publishRate(305, '1999-12-31'))).toBe(false);
    expect(await reachedLedger(publishRate(305, '2026-02-29'))).toBe(false);
  });

  it("follows a voucher's lineage as many steps as the ledger does", async () => {
    const depth = MAX_LINEAGE_STEPS + 5;
    const ids = Array.from({ length: depth + 1 }, (_, tier) => `L-${String(tier).padStart(3, '0')}`);
    await harness.db.voucher.createMany({
      data: ids.map((id, tier) =>
        voucher({
          id,
          debtorId: E.core,
          holderId: E.tier2,
          rootId: 'L-000',
          tier,
          parentId: tier === 0 ? null : (ids[tier - 1] ?? null),
        }),
      ),
    });
    const result = await harness.graphql<{ voucher: { lineage: { id: string }[] } }>(
      'query($id: ID!) { voucher(id: $id) { lineage { id } } }',
      { id: ids.at(-1) },
      userOf('tier2'),
    );
    expect(result.errors).toBeUndefined();
    const lineage = result.data?.voucher.lineage.map((v) => v.id) ?? [];
    expect(lineage).toHaveLength(MAX_LINEAGE_STEPS + 1);
    expect(lineage).toEqual(ids.slice(-(MAX_LINEAGE_STEPS + 1)));
  });
});
