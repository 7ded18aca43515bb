import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demoEnterprise } from '../../node-api/src/demo/demo-consortium.ts';
import { Flow } from '../../node-api/src/demo/graphql-client.ts';
import { refusal } from '../../node-api/test/rules/refusal.ts';
import { loginAs } from '../../node-api/test/support/node-apis.ts';
import { cstDate } from '../../node-api/test/support/values.ts';
import { zhCN as text } from '../src/i18n/messages/zh-CN.ts';
import { restartNodeWithClock } from './support/consortium.ts';
import {
  ACCEPT,
  APPLY,
  confirmedVoucher,
  DISBURSE,
  financingPath,
  inputOf,
  OFFER,
  setNumber,
  voucherPath,
  type MarketStoryHooks,
} from './support/market.ts';
import { reloadUntilVisible, visit } from './support/portal.ts';
import { expectToast, pick, rowsOf, statusIn, typeDate, uploadDocument, yuan } from './support/ui.ts';
import { advanceOf, interestOn, offerDays } from './support/worked-figures.ts';

const TIER1 = demoEnterprise('tier1');
const BANK_A = demoEnterprise('bankA');
const BANK_B = demoEnterprise('bankB');
const CARRIER = demoEnterprise('carrier');

const RECEIPTS = `{ warehouseReceipts(first: 100) { edges { node { id number financingId } } } }`;
const PLEDGE = `mutation($id: ID!, $bankId: String!, $amount: Fen!, $maturityDate: Date!) {
  pledgeReceipt(id: $id, bankId: $bankId, amount: $amount, maturityDate: $maturityDate) {
  transactionId blockNumber } }`;

/**
 * A bank's approver prices an application for `face` in its portal's offer form (LPR 3.10 % + spread,
 * 90 % advanced); returns its interest and net proceeds, worked out by hand for the days the form shows.
 */
async function offerInPortal(
  page: Page,
  offer: { face: bigint; term: number; spreadBps: number; feesFen: bigint; recourse: boolean },
): Promise<{ interest: bigint; net: bigint }> {
  await expect.poll(() => page.getByTestId('offer-lpr').innerText()).toContain('3.10%');
  await setNumber(page, 'offer-spread', offer.spreadBps);
  await page.getByTestId('offer-fees').fill((offer.feesFen / 100n).toString());
  await page.getByTestId(offer.recourse ? 'offer-recourse-with' : 'offer-recourse-without').click();
  const financed = advanceOf(offer.face, 9_000n);
  const interest = interestOn(financed, 310n + BigInt(offer.spreadBps), await offerDays(page, offer.term));
  const net = financed - interest - offer.feesFen;
  await expect.poll(() => page.getByTestId('offer-net').innerText()).toBe(yuan(net));
  await page.getByTestId('offer-submit').click();
  await expectToast(page, text.financing.offered);
  await expect.poll(() => page.getByTestId('financing-terms').innerText()).toContain(yuan(net));
  return { interest, net };
}

/** The financing a row of the quote comparison links to, by its bank's name. */
async function quotedFinancing(page: Page, bankName: string): Promise<string> {
  const href = await rowsOf(page, 'quote-offers', bankName)
    .locator('a[href^="/financings/"]')
    .getAttribute('href');
  if (!href) throw new Error(`no financing of ${bankName} in the quote request`);
  return href;
}

/**
 * More of the market around a voucher (issue 13), in Chromium, as in market-story.ts: a request for
 * quotes to banks A and B, a buy-back under recourse at bank B (it moves bank B's clock on), and a
 * warehouse receipt pledged to bank A, financed, repaid and released. They run before market-story.ts,
 * whose last step moves bank A's clock.
 */
export function moreMarketStory(hooks: MarketStoryHooks): void {
  it(
    'request for quotes: tier 1 asks banks A and B at once, each offers in its own portal without seeing the other’s, tier 1 takes the best and bank B’s offer lapses',
    async () => {
      const flow = new Flow();
      const face = 100_000_000n; // ¥1,000,000.00, due in 120 days
      const { voucherId } = await confirmedVoucher(flow, hooks.ctx(), {
        number: 'E2E-RFQ-0001',
        amount: face,
        days: 120,
      });
      // Both advance 90 % (¥900,000) for 120 days. Bank A at 3.10 % + 80 bp: interest 900,000 × 3.90 % ×
      // 120 / 360 = 11,700, ¥500 fees. Bank B at + 120 bp: 900,000 × 4.30 % × 120 / 360 = 12,900, ¥800.
      const offerA = { face, term: 120, spreadBps: 80, feesFen: 50_000n, recourse: false };
      const offerB = { face, term: 120, spreadBps: 120, feesFen: 80_000n, recourse: true };

      const tier1 = await hooks.open('supplier', `${TIER1.login}.approver`);
      await visit(tier1, voucherPath(voucherId));
      await tier1.page.getByTestId('voucher-request-quotes').click();
      await tier1.page.getByTestId(`quotes-bank-${BANK_A.id}`).click();
      await tier1.page.getByTestId(`quotes-bank-${BANK_B.id}`).click();
      await typeDate(tier1.page, 'quotes-valid-until', cstDate(10));
      await tier1.page.getByTestId('quotes-submit').click();
      await expectToast(tier1.page, text.quotes.sent);
      await expect.poll(() => statusIn(tier1.page.getByTestId('quote-offers'), 'APPLIED').count()).toBe(2);
      const atA = await quotedFinancing(tier1.page, BANK_A.name);
      const atB = await quotedFinancing(tier1.page, BANK_B.name);

      const bankA = await hooks.open('banka', `${BANK_A.login}.approver`);
      await visit(bankA, atA);
      await reloadUntilVisible(bankA.page, bankA.page.getByTestId('offer-calculator'));
      const pricedA = await offerInPortal(bankA.page, offerA);

      const bankB = await hooks.open('bankb', `${BANK_B.login}.approver`);
      await visit(bankB, atB);
      await reloadUntilVisible(bankB.page, bankB.page.getByTestId('offer-calculator'));
      const netB = (await offerInPortal(bankB.page, offerB)).net;
      // Bank B's view of the request: its own row only, nothing of bank A's offer.
      const seenByB = bankB.page.getByTestId('quote-offers');
      await expect.poll(() => seenByB.locator('.el-table__row').count()).toBe(1);
      const pageOfB = await bankB.page.locator('body').innerText();
      for (const secret of [BANK_A.name, yuan(pricedA.net), yuan(pricedA.interest)])
        expect(pageOfB).not.toContain(secret);
      await visit(bankB, atA);
      await bankB.page.getByText(text.financing.notFound).waitFor();

      await visit(tier1, voucherPath(voucherId));
      const offers = tier1.page.getByTestId('quote-offers');
      await reloadUntilVisible(
        tier1.page,
        statusIn(rowsOf(tier1.page, 'quote-offers', BANK_B.name), 'OFFERED'),
      );
      await expect.poll(() => statusIn(offers, 'OFFERED').count()).toBe(2);
      expect(await rowsOf(tier1.page, 'quote-offers', BANK_A.name).getByTestId('quote-best').count()).toBe(1);
      // Side by side on bank A's financing page, where the comparison has the page's width.
      await visit(tier1, atA);
      const rowA = rowsOf(tier1.page, 'quote-offers', BANK_A.name);
      const rowB = rowsOf(tier1.page, 'quote-offers', BANK_B.name);
      await statusIn(rowB, 'OFFERED').waitFor();
      const shownA = await rowA.innerText();
      for (const cell of [yuan(pricedA.net), '3.90%', yuan(50_000n), text.recourse.without])
        expect(shownA).toContain(cell);
      const shownB = await rowB.innerText();
      for (const cell of [yuan(netB), '4.30%', yuan(80_000n), text.recourse.with])
        expect(shownB).toContain(cell);
      expect(await rowA.getByTestId('quote-best').count()).toBe(1);
      expect(await rowB.getByTestId('quote-best').count()).toBe(0);
      await tier1.page.getByTestId('quote-request').scrollIntoViewIfNeeded();
      await hooks.shot(tier1, 'quote-comparison-sme');

      await rowA.locator('[data-testid^="quote-accept-"]').click();
      await expectToast(tier1.page, text.financing.accepted);
      await statusIn(rowA, 'ACCEPTED').waitFor();
      await statusIn(rowB, 'LAPSED').waitFor();
      // The voucher is bank A's to finance now: no request for quotes on it any more.
      await visit(tier1, voucherPath(voucherId));
      await tier1.page.getByTestId('voucher-holder').waitFor();
      expect(await tier1.page.getByTestId('quote-request').count()).toBe(0);

      await visit(bankB, atB);
      await reloadUntilVisible(bankB.page, statusIn(bankB.page.locator('main'), 'LAPSED'));
      expect(await bankB.page.getByTestId('financing-disburse').count()).toBe(0);
      await hooks.shot(bankB, 'quote-lapsed-bank');
    },
    hooks.stepTimeoutMs,
  );

  it(
    'recourse: bank B’s approver demands the buy-back of an overdue financing with recourse, tier 1 is told what it owes, bank B records the payment and tier 1 holds the voucher again',
    async () => {
      const flow = new Flow();
      const face = 30_000_000n; // ¥300,000.00
      // 45 days: after the story's payment step the core's node confirms 31 days ahead of today.
      const maturityDays = 45;
      const shift = maturityDays + 5;
      const { voucherId } = await confirmedVoucher(flow, hooks.ctx(), {
        number: 'E2E-RC-0001',
        amount: face,
        days: maturityDays,
      });
      const applied = await flow.run<{ applyFinancing: { financing: { id: string } } }>(
        await loginAs(hooks.ctx(), 'tier1', 'clerk'),
        APPLY,
        { v: voucherId, b: BANK_B.id },
      );
      const financingId = applied.applyFinancing.financing.id;
      const bankApi = await loginAs(hooks.ctx(), 'bankB', 'approver');
      const terms = {
        advanceRateBps: 9_000,
        spreadBps: 120,
        fees: '0',
        recourse: true,
        validUntil: cstDate(10),
      };
      await flow.run(bankApi, OFFER, { id: financingId, t: terms });
      await flow.run(await loginAs(hooks.ctx(), 'tier1', 'approver'), ACCEPT, { id: financingId });
      await flow.run(bankApi, DISBURSE, { id: financingId, r: 'PAY-E2E-RC-1' });
      // Bank B's node (and its page's clock) run 5 days past the voucher's maturity: unpaid, overdue.
      await restartNodeWithClock(hooks.ctx(), 'bankb', shift);

      const bank = await hooks.open('bankb', `${BANK_B.login}.approver`, shift);
      await visit(bank, financingPath(financingId));
      const card = bank.page.getByTestId('recourse-card');
      await expect.poll(() => card.getByTestId('recourse-kind').innerText()).toBe(text.recourse.with);
      await card.getByTestId('recourse-demand').click();
      await bank.page.getByTestId('recourse-demand-confirm').click();
      await expectToast(bank.page, text.recourse.demanded);
      // The price of the buy-back: the voucher's face, which bank B gave 90 % of.
      await expect.poll(() => card.innerText()).toContain(yuan(face));
      expect(await card.getByTestId('recourse-demand').count()).toBe(0);
      await hooks.shot(bank, 'recourse-demand-bank');

      const sme = await hooks.open('supplier', `${TIER1.login}.approver`);
      await visit(sme, financingPath(financingId));
      const owed = sme.page.getByTestId('recourse-owed');
      await reloadUntilVisible(sme.page, owed);
      expect(await owed.innerText()).toContain(yuan(face));
      expect(await sme.page.getByTestId('recourse-record').count()).toBe(0);

      await bank.page.getByTestId('recourse-record').click();
      await bank.page.getByTestId('recourse-record-dialog-input').fill('HG-E2E-RC-1');
      await bank.page.getByTestId('recourse-record-dialog-submit').click();
      await expectToast(bank.page, text.recourse.recorded);
      await statusIn(bank.page.locator('main'), 'BOUGHT_BACK').first().waitFor();

      await reloadUntilVisible(sme.page, statusIn(sme.page.locator('main'), 'BOUGHT_BACK'));
      expect(await sme.page.getByTestId('recourse-reference').innerText()).toBe('HG-E2E-RC-1');
      expect(await owed.count()).toBe(0);
      await hooks.shot(sme, 'recourse-bought-back-sme');
      await visit(sme, voucherPath(voucherId));
      await expect.poll(() => sme.page.getByTestId('voucher-holder').innerText()).toBe(TIER1.name);
    },
    hooks.stepTimeoutMs,
  );

  it(
    'warehouse receipt: the carrier issues one to tier 1, tier 1 pledges it to bank A, which finances it; a second pledge is refused; bank A consents to the release, records the repayment, and the carrier lets the goods out',
    async () => {
      const number = 'WR-E2E-0001';
      const carrier = await hooks.open('logistics', `${CARRIER.login}.clerk`);
      await visit(carrier, '/warehouse-receipts');
      await carrier.page.getByTestId('receipt-issue-open').click();
      await inputOf(carrier.page, 'receipt-number').fill(number);
      await pick(carrier.page, carrier.page.getByTestId('receipt-owner'), TIER1.name);
      await inputOf(carrier.page, 'receipt-goods').fill('电解铜');
      await setNumber(carrier.page, 'receipt-quantity', 60);
      await inputOf(carrier.page, 'receipt-unit').fill('吨');
      await inputOf(carrier.page, 'receipt-location').fill('青岛保税仓 3 号库');
      await uploadDocument(carrier.page, 'receipt-inspection', 'inspection-WR-E2E-0001.txt', '60 t copper');
      await carrier.page.getByTestId('receipt-issue-submit').click();
      await expectToast(carrier.page, text.receipt.done.issue);
      const issued = rowsOf(carrier.page, 'receipt-table', number);
      await statusIn(issued, 'ISSUED').waitFor();
      const row = await issued.innerText();
      for (const cell of [TIER1.name, '电解铜', '60 吨']) expect(row).toContain(cell);
      await hooks.shot(carrier, 'warehouse-receipt-issued');

      const owner = await hooks.open('supplier', `${TIER1.login}.approver`);
      await visit(owner, '/warehouse-receipts');
      const held = rowsOf(owner.page, 'receipt-table', number);
      await reloadUntilVisible(owner.page, held.getByTestId('receipt-pledge'));
      await held.getByTestId('receipt-pledge').click();
      await pick(owner.page, owner.page.getByTestId('receipt-pledge-bank'), BANK_A.name);
      await inputOf(owner.page, 'receipt-pledge-amount').fill('300000');
      await typeDate(owner.page, 'receipt-pledge-maturity', cstDate(90));
      await owner.page.getByTestId('receipt-pledge-submit').click();
      await expectToast(owner.page, text.receipt.done.pledge);
      await statusIn(held, 'PLEDGED').waitFor();
      // Pledged: the portal offers neither a second pledge nor, without bank A's consent, the goods.
      expect(await held.getByTestId('receipt-pledge').count()).toBe(0);
      expect(await held.getByTestId('receipt-release').count()).toBe(0);
      const ownerApi = await loginAs(hooks.ctx(), 'tier1', 'approver');
      const listed = await ownerApi.request<{
        warehouseReceipts: { edges: { node: { id: string; number: string; financingId: string | null } }[] };
      }>(RECEIPTS);
      const receipt = listed.warehouseReceipts.edges.find((edge) => edge.node.number === number)?.node;
      if (!receipt?.financingId) throw new Error(`${number} is not pledged on tier 1's node`);
      const pledgeAgain = ownerApi.request(PLEDGE, {
        id: receipt.id,
        bankId: BANK_B.id,
        amount: '10000000',
        maturityDate: cstDate(60),
      });
      expect(await refusal(pledgeAgain)).toBe('INVALID_STATE');
      const financing = financingPath(receipt.financingId);

      const bank = await hooks.open('banka', `${BANK_A.login}.approver`);
      await visit(bank, '/warehouse-receipts');
      await reloadUntilVisible(bank.page, statusIn(rowsOf(bank.page, 'receipt-table', number), 'PLEDGED'));
      await hooks.shot(bank, 'warehouse-receipt-pledged-bank');
      await visit(bank, financing);
      expect(await bank.page.getByTestId('financing-receipt').innerText()).toBe(`${number} · 电解铜`);
      // ¥300,000 for 90 days, 90 % advanced (¥270,000) at 3.10 % + 100 bp: 270,000 × 4.10 % × 90 / 360 =
      // 2,767.50 of interest, ¥100 fees.
      await offerInPortal(bank.page, {
        face: 30_000_000n,
        term: 90,
        spreadBps: 100,
        feesFen: 10_000n,
        recourse: false,
      });

      await visit(owner, financing);
      await reloadUntilVisible(owner.page, owner.page.getByTestId('financing-accept'));
      await owner.page.getByTestId('financing-accept').click();
      await expectToast(owner.page, text.financing.accepted);

      await visit(bank, financing);
      await reloadUntilVisible(bank.page, bank.page.getByTestId('financing-disburse'));
      await bank.page.getByTestId('financing-disburse').click();
      await bank.page.getByTestId('financing-disburse-dialog-input').fill('FK-E2E-WR-1');
      await bank.page.getByTestId('financing-disburse-dialog-submit').click();
      await expectToast(bank.page, text.financing.disbursed);

      await visit(bank, '/warehouse-receipts');
      await rowsOf(bank.page, 'receipt-table', number).getByTestId('receipt-consent').click();
      await expectToast(bank.page, text.receipt.done.consent);

      await visit(owner, '/warehouse-receipts');
      await reloadUntilVisible(owner.page, held.getByTestId('receipt-release'));
      await held.getByTestId('receipt-release').click();
      await expectToast(owner.page, text.receipt.done.release);
      await statusIn(held, 'RELEASE_REQUESTED').waitFor();

      await visit(bank, financing);
      await bank.page.getByTestId('receipt-repay').click();
      await bank.page.getByTestId('receipt-repay-dialog-input').fill('HK-E2E-WR-1');
      await bank.page.getByTestId('receipt-repay-dialog-submit').click();
      await expectToast(bank.page, text.receipt.done.repay);
      await statusIn(bank.page.locator('main'), 'SETTLED').first().waitFor();

      await visit(carrier, '/warehouse-receipts');
      const leaving = rowsOf(carrier.page, 'receipt-table', number);
      await reloadUntilVisible(carrier.page, leaving.getByTestId('receipt-out'));
      await leaving.getByTestId('receipt-out').click();
      await expectToast(carrier.page, text.receipt.done.out);
      await statusIn(leaving, 'RELEASED').waitFor();
    },
    hooks.stepTimeoutMs,
  );
}
