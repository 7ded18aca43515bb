import { beforeAll, describe, expect, it } from 'vitest';
import { findMember, stopProcess, type NetworkContext } from '@scf/network';
import { ensureNode, nodeProcessName } from '../../src/cli/node-processes.ts';
import { Flow, type NodeClient } from '../../src/demo/graphql-client.ts';
import { daysBetween } from '@scf/ledger-contract';
import { loginAs } from '../support/node-apis.ts';
import { refusal } from './refusal.ts';
import { cstDate } from '../support/values.ts';
import { interestOn } from '../support/worked-interest.ts';
import { registerCoreInvoice } from './core-invoice.ts';

/** 1,234,567.89 yuan, of which 234,567.89 disputed: amounts that make the rounding matter. */
const FACE = 123_456_789n;
const DISPUTED = 23_456_789n;
/** Agreed below the demo's 1Y LPR (310 bps), so the floor applies. */
const AGREED_BPS = 300;
const LPR_BPS = 310;
const MATURITY_IN_DAYS = 20;
const PAID_LATE_BY = 10;

const VOUCHER = `query($id: ID!, $asOf: Date) { voucher(id: $id) { id status amount maturityDate paidAt
  lateInterestRate { basis annualBps agreedAnnualBps lprFloorBps }
  lateInterest(asOf: $asOf) { principal asOf days amount total paid }
  dispute { status amount reason undisputedId } } }`;
const PAY = `mutation($id: ID!, $r: String!) { payVoucher(voucherId: $id, paymentReference: $r) {
  projection transactionId blockNumber voucher { status } } }`;

interface Seen {
  id: string;
  status: string;
  amount: string;
  maturityDate: string;
  paidAt: string | null;
  lateInterestRate: {
    basis: string;
    annualBps: number | null;
    agreedAnnualBps: number | null;
    lprFloorBps: number | null;
  };
  lateInterest: {
    principal: string;
    asOf: string;
    days: number;
    amount: string;
    total: string;
    paid: boolean;
  } | null;
  dispute: { status: string; amount: string; reason: string; undisputedId: string | null } | null;
}

/**
 * Decree 802 Art. 17, computed here without the ledger contract's code: whole calendar days from
 * maturity to payment, then interest worked by hand (support/worked-interest.ts).
 */
function expectedInterest(
  principal: bigint,
  annualBps: number,
  maturity: string,
  paidOn: string,
): { days: number; fen: bigint } {
  const days = Math.round(
    (Date.parse(`${paidOn}T00:00:00Z`) - Date.parse(`${maturity}T00:00:00Z`)) / 86_400_000,
  );
  return { days, fen: interestOn(principal, BigInt(annualBps), days) };
}

/** The business date (China Standard Time) of an instant. */
const cstDateOf = (instant: string): string =>
  new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * On the real network: a voucher with a late-interest rate agreed below the LPR is partly disputed by
 * its debtor before maturity; the debtor pays the undisputed part on time (no interest) but cannot pay
 * the disputed part; the holder withdraws the dispute; the part goes overdue, and the debtor pays it
 * with late interest from maturity at the LPR floor. The holder's own node shows the figures, and they
 * match the computation above. The core enterprise's node runs with its clock moved to each day.
 */
export function lateInterestSuite(network: () => NetworkContext): void {
  describe('late interest and the undisputed part (decree 802 Art. 15, 17)', () => {
    let flow = new Flow();
    let core: NodeClient;
    let holder: NodeClient;
    let rootId = '';
    let undisputedId = '';
    let disputedId = '';
    const dayZero = cstDate(0);
    const maturity = cstDate(MATURITY_IN_DAYS);

    const seen = async (client: NodeClient, id: string, asOf?: string): Promise<Seen> => {
      const answer = await client.request<{ voucher: Seen | null }>(VOUCHER, { id, asOf: asOf ?? null });
      if (!answer.voucher) throw new Error(`voucher ${id} is not visible`);
      return answer.voucher;
    };
    /**
     * Restarts the core enterprise's node with its clock `days` after the suite's first day (China time:
     * a run that crosses midnight there shifts one day less), and logs its approver in again.
     * The node must hold the flow's last write first: after a restart it counts a transaction of its
     * checkpoint's block as applied only once a later block arrives, so the flow starts afresh.
     */
    const coreAt = async (days: number): Promise<NodeClient> => {
      await flow.settle([core]);
      const name = nodeProcessName('core');
      if (!(await stopProcess(network().paths, name))) throw new Error(`${name} is not running`);
      await ensureNode(network(), findMember(network().topology, 'core'), {
        clockShiftDays: days - daysBetween(dayZero, cstDate(0)),
      });
      flow = new Flow();
      return loginAs(network(), 'core', 'approver');
    };

    beforeAll(async () => {
      core = await loginAs(network(), 'core', 'approver');
      holder = await loginAs(network(), 'tier1', 'approver');
    });

    it('fixes the agreed rate at confirmation, raised to the 1Y LPR of the day', async () => {
      const clerk = await loginAs(network(), 'tier1', 'clerk');
      const invoiceId = await registerCoreInvoice(flow, clerk, {
        number: 'IT-LATE-1',
        amount: FACE.toString(),
        dueDate: maturity,
      });
      const confirmed = await flow.run<{ confirmInvoice: { invoice: { voucherId: string } } }>(
        core,
        'mutation($id: ID!, $bps: Int) { confirmInvoice(id: $id, waiveDelivery: true, lateInterestBps: $bps) { transactionId blockNumber invoice { voucherId } } }',
        { id: invoiceId, bps: AGREED_BPS },
      );
      rootId = confirmed.confirmInvoice.invoice.voucherId;
      await flow.settle([holder]);
      expect((await seen(holder, rootId)).lateInterestRate).toEqual({
        basis: 'AGREED',
        annualBps: LPR_BPS,
        agreedAnnualBps: AGREED_BPS,
        lprFloorBps: LPR_BPS,
      });
    });

    it('splits off the disputed part, frozen, and leaves the rest payable', async () => {
      const disputed = await flow.run<{
        disputeVoucher: {
          projection: string;
          voucher: { id: string; status: string; dispute: { undisputedId: string } };
        };
      }>(
        core,
        'mutation($id: ID!, $a: Fen!, $r: String!) { disputeVoucher(voucherId: $id, amount: $a, reason: $r) { projection transactionId blockNumber voucher { id status dispute { undisputedId } } } }',
        { id: rootId, a: DISPUTED.toString(), r: '批次 B-7 质检不合格（报告 QC-2026-118）' },
      );
      expect(disputed.disputeVoucher).toMatchObject({
        projection: 'APPLIED',
        voucher: { status: 'DISPUTED' },
      });
      disputedId = disputed.disputeVoucher.voucher.id;
      undisputedId = disputed.disputeVoucher.voucher.dispute.undisputedId;
      await flow.settle([holder]);
      expect(await seen(holder, disputedId)).toMatchObject({
        status: 'DISPUTED',
        amount: DISPUTED.toString(),
        dispute: {
          status: 'OPEN',
          amount: DISPUTED.toString(),
          reason: '批次 B-7 质检不合格（报告 QC-2026-118）',
          undisputedId,
        },
      });
      expect(await seen(holder, undisputedId)).toMatchObject({
        status: 'ACTIVE',
        amount: (FACE - DISPUTED).toString(),
      });
      expect((await seen(holder, rootId)).status).toBe('SPLIT');
    });

    it('pays the undisputed part on time, without interest, and refuses the disputed part', async () => {
      core = await coreAt(MATURITY_IN_DAYS);
      const paid = await flow.run<{ payVoucher: { voucher: { status: string } } }>(core, PAY, {
        id: undisputedId,
        r: 'IT-LATE-PAY-1',
      });
      expect(paid.payVoucher.voucher.status).toBe('SETTLED');
      expect(await refusal(core.request(PAY, { id: disputedId, r: 'IT-LATE-PAY-X' }))).toBe('DISPUTED');
      await flow.settle([holder]);
      expect((await seen(holder, undisputedId)).lateInterest).toEqual({
        principal: (FACE - DISPUTED).toString(),
        asOf: maturity,
        days: 0,
        amount: '0',
        total: (FACE - DISPUTED).toString(),
        paid: true,
      });
    });

    it('pays the rest after the holder withdraws the dispute, with late interest from maturity', async () => {
      const withdrawn = await flow.run<{ resolveDispute: { voucher: { status: string } } }>(
        holder,
        'mutation($id: ID!) { resolveDispute(voucherId: $id, resolution: WITHDRAW) { transactionId blockNumber voucher { status } } }',
        { id: disputedId },
      );
      // The holder's clock is before maturity: payable again, not yet overdue.
      expect(withdrawn.resolveDispute.voucher.status).toBe('ACTIVE');

      core = await coreAt(MATURITY_IN_DAYS + PAID_LATE_BY);
      const swept = await flow.run<{ sweepOverdue: { count: number } }>(
        core,
        'mutation { sweepOverdue(limit: 10) { transactionId blockNumber count } }',
      );
      // The shared network's seeded vouchers maturing by then are swept too; this one must be among them.
      expect(swept.sweepOverdue.count).toBeGreaterThanOrEqual(1);
      const accruing = await seen(core, disputedId);
      expect(accruing.status).toBe('OVERDUE');
      const payDay = accruing.lateInterest?.asOf ?? '';
      const owed = expectedInterest(DISPUTED, LPR_BPS, maturity, payDay);
      expect(owed.days).toBeGreaterThanOrEqual(PAID_LATE_BY);
      // The holder, on its own node and clock, asks for the same day and sees the same figure.
      expect((await seen(holder, disputedId, payDay)).lateInterest).toEqual({
        principal: DISPUTED.toString(),
        asOf: payDay,
        days: owed.days,
        amount: owed.fen.toString(),
        total: (DISPUTED + owed.fen).toString(),
        paid: false,
      });

      await flow.run(core, PAY, { id: disputedId, r: 'IT-LATE-PAY-2' });
      await flow.settle([holder]);
      const settled = await seen(holder, disputedId);
      const paidOn = cstDateOf(settled.paidAt ?? '');
      const paid = expectedInterest(DISPUTED, LPR_BPS, maturity, paidOn);
      expect(settled).toMatchObject({ status: 'SETTLED', dispute: { status: 'WITHDRAWN' } });
      expect(settled.lateInterest).toEqual({
        principal: DISPUTED.toString(),
        asOf: paidOn,
        days: paid.days,
        amount: paid.fen.toString(),
        total: (DISPUTED + paid.fen).toString(),
        paid: true,
      });
      // 10 days late at 3.10 %: 23,456,789 × 310 × 10 / 3,600,000 = 20,198.90 fen.
      if (paid.days === PAID_LATE_BY) expect(paid.fen).toBe(20_199n);
    });
  });
}
