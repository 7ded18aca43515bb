import { beforeAll, describe, expect, it } from 'vitest';
import type { NetworkContext } from '@scf/network';
import { demoEnterprise } from '../../src/demo/demo-consortium.ts';
import { Flow, type NodeClient } from '../../src/demo/graphql-client.ts';
import { DEMO_WRITE_OFF_STAGES } from '../../src/demo/write-off-seed.ts';
import { loginAs } from '../support/node-apis.ts';
import { refusal } from './refusal.ts';

const SET = `mutation($stages: [WriteOffStageInput!]!) { setWriteOffStages(stages: $stages) {
  projection transactionId blockNumber settings { configured stages { fromDay toDay writeDownBps } } } }`;
const STAGES = `{ writeOffStages { configured stages { fromDay toDay writeDownBps } } writeOffs { financingId } }`;
const OVERDUE = `query($filter: FinancingFilter) { financings(first: 20, filter: $filter,
  orderBy: { field: MATURITY_DATE, direction: ASC }) { edges { node { id amount maturityDate updatedAt
  voucher { status } } } } }`;
const RECORD = `mutation($financingId: ID!, $reason: String!) { recordWriteOff(financingId: $financingId,
  reason: $reason) { projection transactionId blockNumber writeOff { financingId amount daysOverdue reason
  approvedByLabel } } }`;
const WRITE_DOWNS = `{ dashboard { writeDowns { asOf configured
  stages { stage { fromDay toDay writeDownBps } count exposure writtenDown net }
  writtenOff { count exposure writtenDown net } total { count exposure writtenDown net } } } }`;
const FINANCING = `query($id: ID!) { financing(id: $id) { id status updatedAt writeOff { reason } } }`;
const REASON = '核心企业逾期未付，催收无果（集成测试）';

interface Figures {
  count: number;
  exposure: string;
  writtenDown: string;
  net: string;
}
interface WriteDowns {
  asOf: string;
  configured: boolean;
  stages: (Figures & { stage: { fromDay: number; toDay: number | null; writeDownBps: number } })[];
  writtenOff: Figures;
  total: Figures;
}
interface Candidate {
  id: string;
  amount: string;
  maturityDate: string;
  updatedAt: string;
  voucher: { status: string } | null;
}

const days = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const dayBefore = (iso: string): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
/** exposure × bps / 10,000, rounded half up, computed here without the ledger contract's code. */
const share = (fen: bigint, bps: number): bigint => {
  const numerator = fen * BigInt(bps);
  return numerator / 10_000n + ((numerator % 10_000n) * 2n >= 10_000n ? 1n : 0n);
};

/**
 * Write-off stages (issue 13 item 4) on the real network: bank A's approver sets 0 / 20 / 50 / 100 %
 * stages, kept in its org's collection only (bank B's node holds nothing of them); its portfolio puts
 * the demo history's overdue financing of bank A in the stage of its days overdue; bank B, the
 * supplier and bank A's clerk may not write it off; bank A's approver does, once, privately: the public
 * financing is untouched and the applicant never sees the write-off.
 */
export function writeOffSuite(network: () => NetworkContext): void {
  describe('write-off stages and manual write-offs', () => {
    const flow = new Flow();
    let bankA: NodeClient;
    let bankAClerk: NodeClient;
    let bankB: NodeClient;
    let tier1: NodeClient;
    let overdue: Candidate | undefined;

    const writeDowns = async (client: NodeClient): Promise<WriteDowns> => {
      const seen = await client.request<{ dashboard: { writeDowns: WriteDowns | null } }>(WRITE_DOWNS);
      if (!seen.dashboard.writeDowns) throw new Error('no write-downs for a bank');
      return seen.dashboard.writeDowns;
    };

    beforeAll(async () => {
      bankA = await loginAs(network(), 'bankA', 'approver');
      bankAClerk = await loginAs(network(), 'bankA', 'clerk');
      bankB = await loginAs(network(), 'bankB', 'approver');
      tier1 = await loginAs(network(), 'tier1', 'approver');
    });

    it('keeps bank A’s stages on bank A’s node only, set by its approver', async () => {
      expect(await refusal(bankAClerk.request(SET, { stages: DEMO_WRITE_OFF_STAGES }))).toBe('FORBIDDEN');
      expect(await refusal(tier1.request(SET, { stages: DEMO_WRITE_OFF_STAGES }))).toBe('FORBIDDEN');
      const gap = [
        { fromDay: 1, toDay: 30, writeDownBps: 0 },
        { fromDay: 32, writeDownBps: 100 },
      ];
      expect(await refusal(bankA.request(SET, { stages: gap }))).toBe('INVALID_ARGUMENT');
      const set = await flow.run<{
        setWriteOffStages: {
          projection: string;
          settings: { configured: boolean; stages: unknown[] } | null;
        };
      }>(bankA, SET, { stages: DEMO_WRITE_OFF_STAGES });
      expect(set.setWriteOffStages.projection).toBe('APPLIED');
      expect(set.setWriteOffStages.settings?.stages).toEqual(
        DEMO_WRITE_OFF_STAGES.map((stage) => ({ toDay: null, ...stage })),
      );
      const clerkSees = await bankAClerk.request<{ writeOffStages: { configured: boolean } }>(STAGES);
      expect(clerkSees.writeOffStages.configured).toBe(true);
      await flow.settle([bankB]);
      expect(await bankB.request(STAGES)).toEqual({
        writeOffStages: { configured: false, stages: [{ fromDay: 1, toDay: null, writeDownBps: 0 }] },
        writeOffs: [],
      });
    });

    it('puts bank A’s overdue financing in the stage of its days overdue, written down by its share', async () => {
      const before = await writeDowns(bankA);
      expect(before.configured).toBe(true);
      const found = await bankA.request<{ financings: { edges: { node: Candidate }[] } }>(OVERDUE, {
        filter: {
          statuses: ['DISBURSED'],
          bankId: demoEnterprise('bankA').id,
          maturityDate: { to: dayBefore(before.asOf) },
        },
      });
      overdue = found.financings.edges
        .map((edge) => edge.node)
        .find((node) => ['OVERDUE', 'FINANCED'].includes(node.voucher?.status ?? ''));
      if (!overdue) throw new Error('the demo history left bank A no overdue financing');
      const age = days(overdue.maturityDate, before.asOf);
      const line = before.stages.find(
        ({ stage }) => age >= stage.fromDay && (stage.toDay === null || age <= stage.toDay),
      );
      expect(line?.count).toBeGreaterThanOrEqual(1);
      expect(BigInt(line?.writtenDown ?? '-1')).toBe(
        share(BigInt(line?.exposure ?? '0'), line?.stage.writeDownBps ?? 0),
      );
      expect(BigInt(line?.net ?? '-1')).toBe(
        BigInt(line?.exposure ?? '0') - BigInt(line?.writtenDown ?? '0'),
      );
    });

    it('lets only the disbursing bank’s approver write it off, once, privately', async () => {
      const target = overdue;
      if (!target) throw new Error('no overdue financing found');
      const before = await writeDowns(bankA);
      const variables = { financingId: target.id, reason: REASON };
      expect(await refusal(bankB.request(RECORD, variables))).toBe('FORBIDDEN');
      expect(await refusal(tier1.request(RECORD, variables))).toBe('FORBIDDEN');
      expect(await refusal(bankAClerk.request(RECORD, variables))).toBe('FORBIDDEN');
      const recorded = await flow.run<{
        recordWriteOff: { projection: string; writeOff: Record<string, unknown> | null };
      }>(bankA, RECORD, variables);
      expect(recorded.recordWriteOff.projection).toBe('APPLIED');
      expect(recorded.recordWriteOff.writeOff).toMatchObject({
        financingId: target.id,
        amount: target.amount,
        daysOverdue: days(target.maturityDate, before.asOf),
        reason: REASON,
        approvedByLabel: expect.stringContaining(demoEnterprise('bankA').id) as unknown,
      });
      expect(await refusal(bankA.request(RECORD, variables))).toBe('ALREADY_EXISTS');

      const after = await writeDowns(bankA);
      expect(after.writtenOff.count).toBe(before.writtenOff.count + 1);
      expect(BigInt(after.writtenOff.exposure)).toBe(
        BigInt(before.writtenOff.exposure) + BigInt(target.amount),
      );
      expect(after.total.exposure).toBe(before.total.exposure);
      expect(BigInt(after.total.net)).toBeLessThanOrEqual(BigInt(before.total.net));

      // The public financing is as it was; the applicant sees it, never the write-off.
      const seenByBank = await bankA.request<{ financing: { updatedAt: string; writeOff: unknown } | null }>(
        FINANCING,
        { id: target.id },
      );
      expect(seenByBank.financing).toMatchObject({
        updatedAt: target.updatedAt,
        writeOff: { reason: REASON },
      });
      await flow.settle([tier1, bankB]);
      const seenByApplicant = await tier1.request<{
        financing: { status: string; writeOff: unknown } | null;
      }>(FINANCING, { id: target.id });
      expect(seenByApplicant.financing).toMatchObject({ status: 'DISBURSED', writeOff: null });
      const bankBSees = await bankB.request<{ writeOffs: unknown[] }>(STAGES);
      expect(bankBSees.writeOffs).toEqual([]);
    });
  });
}
