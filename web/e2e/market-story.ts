import { expect, it } from 'vitest';
import { demoEnterprise } from '../../node-api/src/demo/demo-consortium.ts';
import { Flow } from '../../node-api/src/demo/graphql-client.ts';
import { loginAs } from '../../node-api/test/support/node-apis.ts';
import { zhCN as text } from '../src/i18n/messages/zh-CN.ts';
import { restartNodeWithClock } from './support/consortium.ts';
import {
  ACCEPT,
  confirmedVoucher,
  DISBURSE,
  financingPath,
  inputOf,
  invoicePath,
  offeredAt,
  setNumber,
  textAreaOf,
  voucherPath,
  type MarketStoryHooks,
} from './support/market.ts';
import { visit } from './support/portal.ts';
import { expectToast, glance, pick, rowsOf, statusIn, uploadDocument, yuan } from './support/ui.ts';
import { advanceOf, daysShown, interestOn, termDays } from './support/worked-figures.ts';

const CORE = demoEnterprise('core');
const TIER1 = demoEnterprise('tier1');
const BANK_A = demoEnterprise('bankA');

/** Bank A's offer in these steps: the demo's 1-year LPR (3.10 %) + 80 bp, 90 % advanced, ¥500 fees. */
const TERMS = { advanceRateBps: 9_000, spreadBps: 80, fees: '50000', recourse: false } as const;

/**
 * The market around a voucher (issue 13), in Chromium: each step through the portal of the member who
 * takes it, its preconditions (an invoice confirmed, a bank's offer) written through the node APIs as
 * in the rules suites. Early payment beats a bank's offer; a credit note shrinks a voucher; a bank stages
 * its write-downs and writes off an overdue financing (last: it moves bank A's clock on).
 */
export function marketStory(hooks: MarketStoryHooks): void {
  it(
    'early payment: the core approver offers 6 % a year; tier 1 compares it with bank A’s offer on the voucher page, withdraws the application and takes the cash now',
    async () => {
      const flow = new Flow();
      const face = 100_000_000n; // ¥1,000,000.00, due in 90 days
      const { voucherId } = await confirmedVoucher(flow, hooks.ctx(), {
        number: 'E2E-EARLY-0001',
        amount: face,
        days: 90,
      });
      const offered = await offeredAt(flow, hooks.ctx(), voucherId, 'bankA', TERMS);
      const { financingId } = offered;
      // Worked by hand. Early: 1,000,000 × 6 % × 90 / 360 = 15,000 of discount. Bank A: 900,000 financed,
      // 900,000 × 3.90 % × 90 / 360 = 8,775 of interest, ¥500 fees.
      const paidEarlyFor = (days: number): bigint => face - interestOn(face, 600n, days);
      const financed = advanceOf(face, 9_000n);
      const bankNet = financed - interestOn(financed, 390n, termDays(offered.days, 90)) - 50_000n;

      const core = await hooks.open('core', `${CORE.login}.approver`);
      await visit(core, '/early-payment');
      await setNumber(core.page, 'early-offer-bps', 600);
      await inputOf(core.page, 'early-offer-budget').fill('2000000');
      await core.page.getByTestId('early-offer-publish').click();
      await expectToast(core.page, text.earlyPayment.published);
      await core.page.getByTestId('early-offer-open').waitFor();
      await hooks.shot(core, 'early-payment-offer-core');

      const tier1 = await hooks.open('supplier', `${TIER1.login}.approver`);
      await visit(tier1, voucherPath(voucherId));
      const card = tier1.page.getByTestId('early-payment-card');
      const quoted = paidEarlyFor(await daysShown(card.getByTestId('early-quote-terms'), 90));
      await expect.poll(() => card.getByTestId('early-quote-paid').innerText()).toBe(yuan(quoted));
      await expect.poll(() => card.getByTestId('early-bank-net').innerText()).toBe(yuan(bankNet));
      expect(await card.getByTestId('early-choice').innerText()).toBe(text.earlyPayment.choice.EARLY_PAYMENT);
      // In financing, the voucher cannot be paid early: the card says why.
      await card.getByTestId('early-blocked').waitFor();
      await hooks.shot(tier1, 'early-payment-vs-bank-sme');

      await visit(tier1, financingPath(financingId));
      await tier1.page.getByTestId('financing-withdraw').click();
      await expectToast(tier1.page, text.financing.withdrawn);
      await visit(tier1, voucherPath(voucherId));
      await tier1.page.getByTestId('early-take').click();
      await tier1.page.getByTestId('early-confirm-take').click();
      await expectToast(tier1.page, text.earlyPayment.taken);
      const paid = tier1.page.getByTestId('early-paid');
      await paid.waitFor();
      const earlyPaid = paidEarlyFor(await daysShown(tier1.page.getByTestId('early-paid-terms'), 90));
      expect(await paid.innerText()).toBe(yuan(earlyPaid));
      await statusIn(tier1.page.locator('main'), 'SETTLED').first().waitFor();

      await core.page.reload();
      await expect
        .poll(() => core.page.getByTestId('early-offer-consumed').innerText())
        .toContain(yuan(earlyPaid));
      expect(await core.page.getByTestId('early-offer-left').innerText()).toBe(
        yuan(200_000_000n - earlyPaid),
      );
    },
    hooks.stepTimeoutMs,
  );

  it(
    'dilution: tier 1’s clerk registers a credit note for returned goods, the core approver sees what shrinks and accepts it, and the voucher is ¥100,000 less',
    async () => {
      const flow = new Flow();
      const face = 50_000_000n; // ¥500,000.00
      const credit = 10_000_000n; // ¥100,000.00 of goods returned
      const { invoiceId, voucherId } = await confirmedVoucher(flow, hooks.ctx(), {
        number: 'E2E-CN-0001',
        amount: face,
        days: 60,
      });

      const clerk = await hooks.open('supplier', `${TIER1.login}.clerk`);
      await visit(clerk, invoicePath(invoiceId));
      await clerk.page.getByTestId('credit-note-new').click();
      await inputOf(clerk.page, 'credit-note-amount').fill('100000');
      await pick(clerk.page, clerk.page.getByTestId('credit-note-kind'), text.creditNote.reasonKinds.RETURN);
      await textAreaOf(clerk.page, 'credit-note-reason').fill('20 台退货');
      await uploadDocument(clerk.page, 'credit-note-document', 'CN-E2E-0001.txt', 'credit note E2E-CN-0001');
      await clerk.page.getByTestId('credit-note-submit').click();
      await expectToast(clerk.page, text.creditNote.registered);
      await expect
        .poll(() => clerk.page.getByTestId('credit-note-status').innerText())
        .toBe(text.creditNote.status.PENDING);

      const core = await hooks.open('core', `${CORE.login}.approver`);
      await visit(core, invoicePath(invoiceId));
      const preview = core.page.getByTestId('credit-note-preview-pieces');
      await expect.poll(() => preview.innerText()).toContain(`${yuan(face)} → ${yuan(face - credit)}`);
      await hooks.shot(core, 'credit-note-decision-core');
      await core.page.getByTestId('credit-note-accept').click();
      await expectToast(core.page, text.creditNote.accepted);
      await expect
        .poll(() => core.page.getByTestId('credit-note-status').innerText())
        .toBe(text.creditNote.status.ACCEPTED);
      expect(await core.page.getByTestId('credit-note-credited').innerText()).toContain(yuan(credit));

      // The voucher keeps its amount on the record: its open rest and a written-off part are pieces.
      await visit(clerk, voucherPath(voucherId));
      const lineage = clerk.page.getByTestId('voucher-lineage');
      await statusIn(lineage, 'WRITTEN_OFF').first().waitFor();
      const family = await lineage.innerText();
      expect(family).toContain(yuan(face - credit));
      expect(family).toContain(yuan(credit));
      await hooks.shot(clerk, 'credit-note-voucher-sme');
    },
    hooks.stepTimeoutMs,
  );

  it(
    'write-off: bank A’s approver stages its write-downs, sees an overdue financing in the first stage, and writes it off with a reason',
    async () => {
      const flow = new Flow();
      const face = 20_000_000n; // ¥200,000.00, due in 60 days
      const overdueDays = 15;
      // 60, not 30: after the story's payment step the core's node confirms 31 days ahead of today.
      const maturityDays = 60;
      const shift = maturityDays + overdueDays;
      const { voucherId } = await confirmedVoucher(flow, hooks.ctx(), {
        number: 'E2E-WO-0001',
        amount: face,
        days: maturityDays,
      });
      const { financingId } = await offeredAt(flow, hooks.ctx(), voucherId, 'bankA', TERMS);
      await flow.run(await loginAs(hooks.ctx(), 'tier1', 'approver'), ACCEPT, { id: financingId });
      await flow.run(await loginAs(hooks.ctx(), 'bankA', 'approver'), DISBURSE, {
        id: financingId,
        r: 'PAY-E2E-WO-1',
      });
      // Bank A's node (and the page's clock) run 15 days past the voucher's maturity: it is overdue, unpaid.
      await restartNodeWithClock(hooks.ctx(), 'banka', shift);
      const bank = await hooks.open('banka', `${BANK_A.login}.approver`, shift);
      await visit(bank, '/portfolio');
      await bank.page.getByTestId('write-downs-unconfigured').waitFor();
      await bank.page.getByTestId('stage-add').click();
      await setNumber(bank.page, 'stage-pct-1', 10);
      await setNumber(bank.page, 'stage-pct-2', 50);
      await bank.page.getByTestId('stages-save').click();
      await expectToast(bank.page, text.writeOff.saved);
      // Days 1–30 at 10 %: ¥200,000 of exposure, ¥20,000 written down, ¥180,000 net.
      // (Figures in 万, as a Chinese reader takes them in.)
      const firstStage = rowsOf(bank.page, 'write-downs-table', glance(face)).first();
      await expect.poll(() => firstStage.innerText()).toContain(glance(face / 10n));
      expect(await firstStage.innerText()).toContain(glance(face - face / 10n));
      await hooks.shot(bank, 'write-downs-bank');

      await visit(bank, financingPath(financingId));
      await bank.page.getByTestId('write-off-open').click();
      await textAreaOf(bank.page, 'write-off-reason').fill('债务人停产，无力清偿');
      await bank.page.getByTestId('write-off-confirm').click();
      await expectToast(bank.page, text.writeOff.recorded);
      const details = bank.page.getByTestId('write-off-details');
      await details.waitFor();
      const recorded = await details.innerText();
      expect(recorded).toContain('债务人停产，无力清偿');
      expect(recorded).toContain(yuan(face));
      expect(recorded).toContain(String(overdueDays));
      await hooks.shot(bank, 'write-off-bank');
    },
    hooks.stepTimeoutMs,
  );
}
