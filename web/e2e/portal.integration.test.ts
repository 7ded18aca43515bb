import type { NetworkContext } from '@scf/network';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cstDay } from '../../node-api/src/demo/calendar.ts';
import { demoEnterprise } from '../../node-api/src/demo/demo-consortium.ts';
import { stopTestNetwork } from '../../node-api/test/support/test-network.ts';
import { zhCN as text } from '../src/i18n/messages/zh-CN.ts';
import { launchChromium, PHONE_VIEWPORT, VIEWPORT } from './support/browser.ts';
import { ConsoleErrors } from './support/console-errors.ts';
import { LOOK_DIR, lookAt, lookPeople, screenInTurn } from './support/look.ts';
import { marketStory } from './market-story.ts';
import { moreMarketStory } from './market-story-more.ts';
import { portalOf, restartNodeWithClock, startConsortium } from './support/consortium.ts';
import type { MarketStoryHooks } from './support/market.ts';
import {
  DEMO_PASSWORD,
  openPortalAs,
  reloadUntilVisible,
  screenshot,
  visit,
  type Actor,
} from './support/portal.ts';
import {
  expectToast,
  figureIn,
  glance,
  pick,
  rowsOf,
  statusIn,
  typeDate,
  uploadDocument,
  yuan,
} from './support/ui.ts';
import { advanceOf, interestOn, offerDays } from './support/worked-figures.ts';

/**
 * The member portal end to end, in Chromium, on a real five-org network: each actor at its own org's
 * portal (the production build), through the UI only. One story, in order: a tier-1 supplier's invoice
 * is shipped, confirmed, split down to tier 2 (whose approver accepts the piece), financed at bank A
 * and paid at maturity.
 */

const STEP_TIMEOUT_MS = 240_000;
/** Page loads per dashboard in the first-paint step (the median is printed): one in npm test. */
const FIRST_PAINT_RUNS = Math.max(1, Number(process.env.SCF_FIRST_PAINT_RUNS ?? 1) || 1);

const CORE = demoEnterprise('core');
const TIER1 = demoEnterprise('tier1');
const TIER2 = demoEnterprise('tier2');
const BANK_A = demoEnterprise('bankA');

const T1_INVOICE = 'E2E-T1-0001';
const T2_INVOICE = 'E2E-T2-0001';
const WAYBILL = 'YD-E2E-0001';
const FACE_FEN = 100_000_000n; // ¥1,000,000.00
const PIECE_FEN = 40_000_000n; // passed down to tier 2
const KEPT_FEN = FACE_FEN - PIECE_FEN;
const MATURITY_DAYS = 30;
/** The core enterprise's node and portal run this far ahead when it pays: past maturity. */
const PAY_DAY_SHIFT = MATURITY_DAYS + 1;

/** The offer: the demo's 1-year LPR (3.10%) + 80 bp, 90% advanced, ¥500 fees. */
const OFFER = { lprBps: 310n, spreadBps: 80n, advanceBps: 9_000n, feesFen: 50_000n } as const;
/** The offer worked out by hand: financed = face × advance; interest = financed × rate × days / 360. */
function expectedOffer(days: number): { financed: bigint; interest: bigint; net: bigint } {
  const financed = advanceOf(PIECE_FEN, OFFER.advanceBps);
  const interest = interestOn(financed, OFFER.lprBps + OFFER.spreadBps, days);
  return { financed, interest, net: financed - interest - OFFER.feesFen };
}

interface Story {
  maturity: string;
  invoiceId: string;
  rootVoucherPath: string;
  financingPath: string;
  financed: bigint;
  interest: bigint;
}

describe('member portal end to end: a voucher from invoice to settlement, across five portals', () => {
  let ctx: NetworkContext | undefined;
  let browser: Browser | undefined;
  const errors = new ConsoleErrors();
  const opened: Actor[] = [];
  const screenshots: string[] = [];
  const story: Partial<Story> = {};

  const known = <K extends keyof Story>(key: K): Story[K] => {
    const value = story[key];
    if (value === undefined) throw new Error(`an earlier step did not produce ${key}`);
    return value;
  };

  /** Logs `username` in at `org`'s portal in a context of its own; closed after the test. */
  async function open(org: string, username: string, clockShiftDays?: number): Promise<Actor> {
    if (!ctx || !browser) throw new Error('the consortium did not start');
    const actor = await openPortalAs(browser, errors, {
      portal: portalOf(ctx, org),
      username,
      clockShiftDays,
    });
    opened.push(actor);
    return actor;
  }

  async function shot(actor: Actor, name: string): Promise<void> {
    screenshots.push(await screenshot(actor.page, name));
  }

  beforeAll(async () => {
    ctx = await startConsortium();
    browser = await launchChromium();
  });

  afterEach(async ({ task }) => {
    const actors = opened.splice(0);
    // A failed step leaves a picture of each page it had open, to see what the person saw.
    if (task.result?.state === 'fail') {
      for (const [index, actor] of actors.entries())
        screenshots.push(
          await screenshot(actor.page, `failed-${String(index)}-${actor.label}`).catch(String),
        );
    }
    await Promise.all(actors.map((actor) => actor.context.close()));
    expect(errors.take(), 'errors in the browser console').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await stopTestNetwork(ctx);
    if (screenshots.length > 0)
      console.log(`screenshots:\n${screenshots.map((path) => `  ${path}`).join('\n')}`);
  });

  it(
    'a tier-1 clerk registers an invoice to the core enterprise, uploading its document',
    async () => {
      const clerk = await open('supplier', `${TIER1.login}.clerk`);
      const { page } = clerk;
      await visit(clerk, '/invoices');
      await page.getByTestId('invoice-register-open').click();
      await page.getByTestId('invoice-number').fill(T1_INVOICE);
      await pick(page, page.getByTestId('invoice-buyer'), CORE.name);
      await page.getByTestId('invoice-amount').fill('1000000');
      story.maturity = cstDay(MATURITY_DAYS);
      await typeDate(page, 'invoice-due-date', story.maturity);
      await page.getByTestId('invoice-po').fill('PO-E2E-0001');
      const sha256 = await uploadDocument(
        page,
        'invoice-document',
        `${T1_INVOICE}.txt`,
        `增值税专用发票 ${T1_INVOICE}\n销售方 ${TIER1.name}\n购买方 ${CORE.name}\n金额 1000000.00 元\n`,
      );
      await page.getByTestId('invoice-submit').click();
      await expectToast(page, text.invoice.registered);

      const row = rowsOf(page, 'invoice-table', T1_INVOICE);
      await expect.poll(() => row.innerText()).toContain(yuan(FACE_FEN));
      await expect.poll(() => statusIn(row, 'REGISTERED').innerText()).toBe(text.status.REGISTERED);
      await shot(clerk, 'invoices-sme');

      await row.getByTestId('invoice-link').click();
      const invoiceId = (await page.getByTestId('invoice-id').innerText()).trim();
      expect(invoiceId).toMatch(/^[0-9a-f]{64}$/);
      expect(page.url()).toBe(`${clerk.portal}/invoices/${invoiceId}`);
      // The ledger carries the document's hash, and the page shows the one it carries.
      await expect.poll(() => page.getByText(sha256, { exact: true }).count()).toBe(1);
      story.invoiceId = invoiceId;
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'the carrier records the pickup and confirms the delivery, each with its document',
    async () => {
      const carrier = await open('logistics', `${demoEnterprise('carrier').login}.clerk`);
      const { page } = carrier;
      await visit(carrier, '/shipments');
      await page.getByTestId('shipment-pickup-open').click();
      // The seller handed over the invoice id (its invoice page shows it) with the goods.
      await page.getByTestId('shipment-invoice').fill(known('invoiceId'));
      await page.getByTestId('shipment-waybill').fill(WAYBILL);
      await page.getByTestId('shipment-origin').fill('苏州工业园区');
      await page.getByTestId('shipment-destination').fill('青岛黄岛区');
      await uploadDocument(page, 'shipment-pickup-document', 'pickup.txt', `揽收单 ${WAYBILL}\n`);
      await page.getByTestId('shipment-pickup-submit').click();
      await expectToast(page, text.shipment.pickedUp);
      const row = rowsOf(page, 'shipment-table', WAYBILL);
      await statusIn(row, 'PICKED_UP').waitFor();

      await visit(carrier, '/dashboard');
      await expect.poll(() => page.getByTestId('needs-me-shipmentsToDeliver').innerText()).toContain('1');
      await shot(carrier, 'dashboard-logistics');

      await visit(carrier, '/shipments');
      await row.getByTestId('shipment-deliver').click();
      await uploadDocument(
        page,
        'shipment-delivery-document',
        'delivery.txt',
        `签收单 ${WAYBILL} 货物完好\n`,
      );
      await page.getByTestId('shipment-delivery-submit').click();
      await expectToast(page, text.shipment.delivered);
      await expect.poll(() => statusIn(row, 'DELIVERED').innerText()).toBe(text.status.DELIVERED);
      await expect.poll(() => row.getByTestId('document-download').count()).toBe(2);
      await expect.poll(() => row.getByTestId('shipment-deliver').count()).toBe(0);
      await shot(carrier, 'shipments');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'a core clerk sees the confirmation inbox without approver actions; the core approver confirms',
    async () => {
      const clerk = await open('core', `${CORE.login}.clerk`);
      await visit(clerk, '/confirmations');
      const clerkRow = rowsOf(clerk.page, 'inbox-table', T1_INVOICE);
      // The core org's node has applied the carrier's delivery once the row says so.
      await reloadUntilVisible(clerk.page, clerkRow.getByText(text.inbox.delivered));
      await clerk.page.getByText(text.inbox.approverOnly).waitFor();
      expect(await clerk.page.getByTestId('inbox-confirm').count()).toBe(0);
      expect(await clerkRow.locator('.el-checkbox').count()).toBe(0);
      await visit(clerk, '/payables');
      await clerk.page.getByText(text.payables.approverOnly).waitFor();

      const approver = await open('core', `${CORE.login}.approver`);
      const { page } = approver;
      await visit(approver, '/confirmations');
      const row = rowsOf(page, 'inbox-table', T1_INVOICE);
      await reloadUntilVisible(page, row.getByText(text.inbox.delivered));
      expect(await row.innerText()).toContain(TIER1.name);
      await row.locator('.el-checkbox').click();
      await expect.poll(() => page.getByTestId('inbox-confirm').innerText()).toContain('1');
      await shot(approver, 'confirmation-inbox');
      await page.getByTestId('inbox-confirm').click();
      await expect
        .poll(() => page.getByTestId('inbox-outcome').innerText())
        .toBe(text.inbox.outcome.replace('{ok}', '1').replace('{failed}', '0'));
      await expect.poll(() => row.count()).toBe(0);

      await visit(approver, '/dashboard');
      // 万 at a glance, the exact amount on demand.
      await expect
        .poll(() => figureIn(page.getByTestId('stat-payable')))
        .toEqual({ shown: glance(FACE_FEN), exact: yuan(FACE_FEN) });
      await shot(approver, 'dashboard-core');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'the tier-1 approver splits the voucher and transfers a piece to tier 2 against its invoice; a clerk cannot',
    async () => {
      const tier2 = await open('supplier', `${TIER2.login}.clerk`);
      await visit(tier2, '/invoices');
      await tier2.page.getByTestId('invoice-register-open').click();
      await tier2.page.getByTestId('invoice-number').fill(T2_INVOICE);
      await pick(tier2.page, tier2.page.getByTestId('invoice-buyer'), TIER1.name);
      await tier2.page.getByTestId('invoice-amount').fill('400000');
      await typeDate(tier2.page, 'invoice-due-date', cstDay(60));
      await uploadDocument(tier2.page, 'invoice-document', `${T2_INVOICE}.txt`, `发票 ${T2_INVOICE}\n`);
      await tier2.page.getByTestId('invoice-submit').click();
      await expectToast(tier2.page, text.invoice.registered);

      const clerk = await open('supplier', `${TIER1.login}.clerk`);
      await visit(clerk, '/vouchers');
      const voucherRow = rowsOf(clerk.page, 'voucher-table', yuan(FACE_FEN));
      await reloadUntilVisible(clerk.page, statusIn(voucherRow, 'ACTIVE'));
      await voucherRow.getByTestId('voucher-link').click();
      await clerk.page.waitForURL(/\/vouchers\/[^/]+$/);
      story.rootVoucherPath = new URL(clerk.page.url()).pathname;
      // A clerk may apply for financing, but splitting and transferring is an approver's.
      await clerk.page.getByTestId('voucher-apply').waitFor();
      expect(await clerk.page.getByTestId('voucher-split').count()).toBe(0);
      await visit(clerk, '/dashboard');
      await expect
        .poll(() => figureIn(clerk.page.getByTestId('stat-held')))
        .toEqual({ shown: glance(FACE_FEN), exact: yuan(FACE_FEN) });
      await shot(clerk, 'dashboard-sme');

      const approver = await open('supplier', `${TIER1.login}.approver`);
      const { page } = approver;
      await visit(approver, story.rootVoucherPath);
      await page.getByTestId('voucher-split').click();
      await page.getByTestId('split-amount-0').fill('400000');
      await pick(page, page.getByTestId('split-recipient-0'), TIER2.name);
      await pick(page, page.getByTestId('split-invoice-0'), T2_INVOICE);
      await page.getByTestId('split-fill-1').click();
      await expect.poll(() => page.getByTestId('split-amount-1').inputValue()).toBe('600000.00');
      await expect.poll(() => page.getByTestId('split-remaining').innerText()).toBe(yuan(0n));
      await page.getByTestId('split-next').click();
      // The review reads as the approver checks it: amounts, the recipient's name, the invoice's number.
      const review = await page.getByTestId('split-review').innerText();
      for (const shown of [yuan(PIECE_FEN), yuan(KEPT_FEN), TIER2.name, T2_INVOICE])
        expect(review).toContain(shown);
      await page.getByTestId('split-next').click();
      await shot(approver, 'split-transfer-wizard');
      await page.getByTestId('split-submit').click();
      await expectToast(page, text.split.done);
      await statusIn(page.locator('.page-toolbar'), 'SPLIT').waitFor();
      const lineage = page.getByTestId('voucher-lineage');
      await expect.poll(() => lineage.innerText()).toContain(yuan(KEPT_FEN));
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "tier 2's approver accepts the piece from its queue of transfers; until then it cannot finance it",
    async () => {
      const clerk = await open('supplier', `${TIER2.login}.clerk`);
      await visit(clerk, '/vouchers');
      const waiting = rowsOf(clerk.page, 'voucher-table', yuan(PIECE_FEN));
      await reloadUntilVisible(clerk.page, statusIn(waiting, 'PENDING_ACCEPTANCE'));
      await waiting.getByTestId('voucher-link').click();
      await clerk.page.getByTestId('consent-card').waitFor();
      expect(await clerk.page.getByTestId('voucher-apply').count()).toBe(0);
      expect(await clerk.page.getByTestId('consent-accept').count()).toBe(0);

      const approver = await open('supplier', `${TIER2.login}.approver`);
      const { page } = approver;
      await visit(approver, '/acceptances');
      const row = rowsOf(page, 'acceptance-table', yuan(PIECE_FEN));
      await reloadUntilVisible(page, row);
      // What tier 2 is asked to take: from tier 1, owed by the core enterprise, paying its invoice.
      const asked = await row.innerText();
      for (const shown of [TIER1.name, CORE.name, T2_INVOICE]) expect(asked).toContain(shown);
      await shot(approver, 'transfer-acceptances');
      await row.getByTestId('acceptance-accept').click();
      await expectToast(page, text.consent.accepted);
      await expect.poll(() => row.count()).toBe(0);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'tier 2 applies at bank A; bank A prices it with LPR + spread; tier 2 accepts; bank A disburses',
    async () => {
      const tier2 = await open('supplier', `${TIER2.login}.clerk`);
      await visit(tier2, '/vouchers');
      const piece = rowsOf(tier2.page, 'voucher-table', yuan(PIECE_FEN));
      await reloadUntilVisible(tier2.page, statusIn(piece, 'ACTIVE'));
      await piece.getByTestId('voucher-link').click();
      // Its lineage reaches the voucher it was split from, held by tier 1, without tier 1's kept piece.
      const lineage = tier2.page.getByTestId('voucher-lineage');
      await expect.poll(() => lineage.innerText()).toContain(TIER1.name);
      const shown = await lineage.innerText();
      expect(shown).toContain(yuan(FACE_FEN));
      expect(shown).toContain(yuan(PIECE_FEN));
      expect(shown).not.toContain(yuan(KEPT_FEN));
      await shot(tier2, 'voucher-lineage-tier2');
      await tier2.page.getByTestId('voucher-apply').click();
      await pick(tier2.page, tier2.page.getByTestId('apply-bank'), BANK_A.name);
      await tier2.page.getByTestId('apply-submit').click();
      await tier2.page.waitForURL(/\/financings\/[^/]+$/);
      story.financingPath = new URL(tier2.page.url()).pathname;
      await expectToast(tier2.page, text.financing.submitted);

      const bankClerk = await open('banka', `${BANK_A.login}.clerk`);
      await visit(bankClerk, story.financingPath);
      await reloadUntilVisible(bankClerk.page, bankClerk.page.getByTestId('offer-calculator'));
      await bankClerk.page.getByText(text.offer.approverOnly).waitFor();
      expect(await bankClerk.page.getByTestId('offer-submit').count()).toBe(0);

      const bank = await open('banka', `${BANK_A.login}.approver`);
      const { page } = bank;
      await visit(bank, '/financings');
      const application = rowsOf(page, 'financing-table', TIER2.name);
      await reloadUntilVisible(page, statusIn(application, 'APPLIED'));
      await application.getByTestId('financing-link').click();
      await page.waitForURL(`${bank.portal}${story.financingPath}`);
      await expect.poll(() => page.getByTestId('offer-lpr').innerText()).toContain('3.10%');
      const spread = page.getByTestId('offer-spread').locator('input');
      await spread.fill(OFFER.spreadBps.toString());
      await spread.press('Tab');
      await page.getByTestId('offer-fees').fill('500');
      await expect.poll(() => page.getByTestId('offer-annual-rate').innerText()).toBe('3.90%');
      const expected = expectedOffer(await offerDays(page, MATURITY_DAYS));
      expect(await page.getByTestId('offer-financed').innerText()).toBe(yuan(expected.financed));
      expect(await page.getByTestId('offer-interest').innerText()).toBe(yuan(expected.interest));
      expect(await page.getByTestId('offer-net').innerText()).toBe(yuan(expected.net));
      await shot(bank, 'financing-offer-calculator');
      // The bank must say with or without recourse before it may send the offer.
      expect(await page.getByTestId('offer-submit').isDisabled()).toBe(true);
      await page.getByTestId('offer-recourse-without').click();
      await page.getByTestId('offer-submit').click();
      await expectToast(page, text.financing.offered);
      // The ledger priced it as the calculator did.
      const terms = page.getByTestId('financing-terms');
      await expect.poll(() => terms.innerText()).toContain(yuan(expected.interest));
      expect(await terms.innerText()).toContain(yuan(expected.net));
      story.financed = expected.financed;
      story.interest = expected.interest;

      const holder = await open('supplier', `${TIER2.login}.approver`);
      await visit(holder, story.financingPath);
      await reloadUntilVisible(holder.page, holder.page.getByTestId('financing-accept'));
      await visit(holder, '/financings');
      await holder.page.getByTestId('financing-tabs').getByText(text.financing.tab.offers).click();
      const offers = holder.page.getByTestId('offer-comparison');
      await offers.getByText(BANK_A.name).waitFor();
      expect(await offers.innerText()).toContain(yuan(expected.net));
      await shot(holder, 'financing-offers-sme');
      await visit(holder, story.financingPath);
      await holder.page.getByTestId('financing-accept').click();
      await expectToast(holder.page, text.financing.accepted);

      await visit(bank, story.financingPath);
      await reloadUntilVisible(page, page.getByTestId('financing-disburse'));
      await page.getByTestId('financing-disburse').click();
      await page.getByTestId('financing-disburse-dialog-input').fill('FK-E2E-0001');
      await page.getByTestId('financing-disburse-dialog-submit').click();
      await expectToast(page, text.financing.disbursed);
      await page.getByText('FK-E2E-0001', { exact: true }).waitFor();
      // Disbursed only after registering at the consortium's test registry (银发〔2025〕77号).
      expect(await page.getByTestId('registration-number').innerText()).toMatch(/^\d{16}$/);
      await page.getByTestId('assignment-notice').getByText(BANK_A.name).first().waitFor();

      await visit(bank, '/portfolio');
      await expect
        .poll(() => figureIn(page.getByTestId('stat-financed')))
        .toEqual({ shown: glance(expected.financed), exact: yuan(expected.financed) });
      expect(await figureIn(page.getByTestId('stat-exposure'))).toEqual({
        shown: glance(PIECE_FEN),
        exact: yuan(PIECE_FEN),
      });
      await shot(bank, 'portfolio-bank');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "never shows bank B bank A's financing or its terms (bank B's approver, in English)",
    async () => {
      const bankB = await open('bankb', `${demoEnterprise('bankB').login}.approver`);
      const { page } = bankB;
      await pick(page, page.getByTestId('language-switch'), 'English');
      await page.getByRole('heading', { name: 'Portfolio' }).waitFor();
      expect(await page.getByTestId('stat-financed').innerText()).toContain(yuan(0n));

      await visit(bankB, '/financings');
      await page.getByTestId('financing-tabs').getByText('All', { exact: true }).click();
      await page.getByText('No financings').waitFor();
      // Not by its address either: bank B's node does not hold it.
      await visit(bankB, known('financingPath'));
      await page.getByText('This financing does not exist or is not yours to see').waitFor();
      const everything = await page.locator('body').innerText();
      expect(everything).not.toContain(yuan(known('interest')));
      expect(everything).not.toContain(yuan(known('financed')));
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'at maturity the core approver pays both pieces, and every portal shows them settled',
    async () => {
      if (!ctx) throw new Error('the consortium did not start');
      await restartNodeWithClock(ctx, 'core', PAY_DAY_SHIFT);
      const core = await open('core', `${CORE.login}.approver`, PAY_DAY_SHIFT);
      const { page } = core;
      await visit(core, '/payables');
      const toBank = rowsOf(page, 'payables-table', BANK_A.name);
      const toTier1 = rowsOf(page, 'payables-table', TIER1.name);
      await reloadUntilVisible(page, statusIn(toBank, 'FINANCED'));
      expect(await toBank.innerText()).toContain(yuan(PIECE_FEN));
      await statusIn(toTier1, 'ACTIVE').waitFor();
      expect(await toTier1.innerText()).toContain(yuan(KEPT_FEN));
      // The notice of assignment tells the core enterprise to pay bank A, not tier 1 (民法典 Art. 768).
      await page.getByTestId('assignment-notices').getByText(BANK_A.name).waitFor();
      await shot(core, 'payables-core');
      for (const [row, reference] of [
        [toBank, 'HK-E2E-0001'],
        [toTier1, 'HK-E2E-0002'],
      ] as const) {
        await row.getByTestId('payables-pay').click();
        await page.getByTestId('payables-pay-dialog-input').fill(reference);
        await page.getByTestId('payables-pay-dialog-submit').click();
        await expectToast(page, text.payables.paid);
        await expect.poll(() => row.count()).toBe(0);
      }
      await page.getByText(text.payables.empty).waitFor();

      await visit(core, known('rootVoucherPath'));
      const lineage = page.getByTestId('voucher-lineage');
      await expect.poll(() => statusIn(lineage, 'SETTLED').count()).toBe(2);
      const family = await lineage.innerText();
      for (const piece of [BANK_A.name, TIER1.name, yuan(PIECE_FEN), yuan(KEPT_FEN)])
        expect(family).toContain(piece);
      await shot(core, 'voucher-lineage-core');

      const tier1 = await open('supplier', `${TIER1.login}.approver`);
      await visit(tier1, '/vouchers');
      await reloadUntilVisible(
        tier1.page,
        statusIn(rowsOf(tier1.page, 'voucher-table', yuan(KEPT_FEN)), 'SETTLED'),
      );
      await shot(tier1, 'vouchers-sme');

      // The financing's whole history, from the ledger, as its applicant sees it in the audit trail.
      const tier2 = await open('supplier', `${TIER2.login}.clerk`);
      const financingId = decodeURIComponent(known('financingPath').split('/').pop() ?? '');
      await visit(tier2, `/audit?type=financing&id=${encodeURIComponent(financingId)}`);
      const trail = tier2.page.getByTestId('audit-trail');
      await reloadUntilVisible(tier2.page, statusIn(trail, 'SETTLED'));
      const steps = await trail
        .locator('[data-status]')
        .evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-status')));
      expect(steps).toEqual(['APPLIED', 'OFFERED', 'ACCEPTED', 'DISBURSED', 'SETTLED']);
      await shot(tier2, 'audit-trail-financing');
      await visit(tier2, '/financings');
      await tier2.page.getByTestId('financing-tabs').getByText(text.financing.tab.disbursed).click();
      const financing = rowsOf(tier2.page, 'financing-table', BANK_A.name);
      await expect.poll(() => statusIn(financing, 'SETTLED').innerText()).toBe(text.status.SETTLED);
      expect(await financing.innerText()).toContain(
        yuan(known('financed') - known('interest') - OFFER.feesFen),
      );

      const bank = await open('banka', `${BANK_A.login}.approver`);
      await visit(bank, '/vouchers');
      await reloadUntilVisible(
        bank.page,
        statusIn(rowsOf(bank.page, 'voucher-table', yuan(PIECE_FEN)), 'SETTLED'),
      );
      await visit(bank, known('financingPath'));
      await statusIn(bank.page.getByTestId('audit-trail'), 'SETTLED').waitFor();
      await visit(bank, '/portfolio');
      await expect.poll(() => bank.page.getByTestId('stat-financed').innerText()).toContain(yuan(0n));
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'is usable by keyboard alone at 1280×800: log in, then reach every page of the menu, none wider than the window',
    async () => {
      if (!ctx || !browser) throw new Error('the consortium did not start');
      const people = [
        { org: 'supplier', username: `${TIER1.login}.approver` },
        { org: 'core', username: `${CORE.login}.approver` },
        { org: 'banka', username: `${BANK_A.login}.approver` },
        { org: 'logistics', username: `${demoEnterprise('carrier').login}.clerk` },
      ];
      for (const person of people) {
        const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
        const page = await context.newPage();
        errors.watch(page, `${person.username} (keyboard)`);
        const focused = (): Promise<{ testid: string | null; href: string | null }> =>
          page.evaluate(() => ({
            testid: document.activeElement?.getAttribute('data-testid') ?? null,
            href: document.activeElement?.getAttribute('href') ?? null,
          }));
        /** Presses Tab until `reached` holds for the focused element (at most 40 times). */
        const tabTo = async (reached: (now: { testid: string | null; href: string | null }) => boolean) => {
          for (let presses = 0; presses < 40; presses += 1) {
            await page.keyboard.press('Tab');
            if (reached(await focused())) return;
          }
          throw new Error(`${person.username}: Tab never reached the element`);
        };
        await page.goto(`${portalOf(ctx, person.org)}/login`);
        await tabTo((now) => now.testid === 'login-username');
        await page.keyboard.type(person.username);
        await tabTo((now) => now.testid === 'login-password');
        await page.keyboard.type('scf-demo-password');
        await page.keyboard.press('Enter');
        await page.getByTestId('current-user').waitFor();
        const links = await page
          .getByTestId('main-menu')
          .locator('a[href]')
          .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
        expect(links.length, `${person.username}'s menu`).toBeGreaterThan(3);
        for (const href of links) {
          await tabTo((now) => now.href === href);
          await page.keyboard.press('Enter');
          await page
            .waitForURL((url) => url.pathname === href, { timeout: 60_000 })
            .catch(async (error: unknown) => {
              // Say where Enter led instead (a login page means the session ended) and what had the focus.
              const at = `${page.url()} with the focus on ${JSON.stringify(await focused())}`;
              throw new Error(`${person.username}: Enter on the menu link ${href} left the portal at ${at}`, {
                cause: error,
              });
            });
          await page.locator('main').waitFor();
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          expect(width, `${person.username} ${href} fits the window`).toBeLessThanOrEqual(VIEWPORT.width);
        }
        await context.close();
      }
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'on a 390×844 phone each role’s menu is a tap away (the look test below checks its pages fit)',
    async () => {
      if (!ctx || !browser) throw new Error('the consortium did not start');
      const people = [
        { org: 'supplier', username: `${TIER1.login}.approver` },
        { org: 'core', username: `${CORE.login}.approver` },
        { org: 'banka', username: `${BANK_A.login}.approver` },
        { org: 'logistics', username: `${demoEnterprise('carrier').login}.clerk` },
      ];
      for (const person of people) {
        const context = await browser.newContext({
          viewport: PHONE_VIEWPORT,
          locale: 'zh-CN',
          timezoneId: 'Asia/Shanghai',
          isMobile: true,
          hasTouch: true,
        });
        const page = await context.newPage();
        errors.watch(page, `${person.username} (phone)`);
        await page.goto(`${portalOf(ctx, person.org)}/login`);
        await page.getByTestId('login-username').fill(person.username);
        await page.getByTestId('login-password').fill(DEMO_PASSWORD);
        await page.getByTestId('login-submit').click();
        const toggle = page.getByTestId('menu-toggle');
        await toggle.waitFor();
        // No side bar on a phone: the menu is in the drawer.
        expect(await page.getByTestId('main-menu').count(), `${person.username}: no side menu`).toBe(0);
        // The menu: one tap opens it, a link in it goes there and closes it.
        await toggle.click();
        const menu = page.getByTestId('main-menu');
        await menu.waitFor();
        const links = await menu
          .locator('a[href]')
          .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
        expect(links.length, `${person.username}'s menu`).toBeGreaterThan(3);
        const target = links.find((href) => href !== new URL(page.url()).pathname) ?? '';
        await menu.locator(`a[href="${target}"]`).click();
        await page.waitForURL((url) => url.pathname === target);
        await menu.waitFor({ state: 'hidden' });
        await context.close();
      }
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'looks right: each role’s home page and queue, on the screens in turn (390, 1280 and 1920 px, 390 px in English; `npm run look` takes every role on every screen), does not scroll sideways, cut text off, break amounts mid-number or overlap chart labels',
    async () => {
      if (!ctx || !browser) throw new Error('the consortium did not start');
      const started = Date.now();
      const found: string[] = [];
      for (const [index, person] of lookPeople((key) => demoEnterprise(key).login).entries()) {
        const screens = screenInTurn(index);
        found.push(...(await lookAt(browser, errors, portalOf(ctx, person.org), person, { screens })));
      }
      console.log(`look: ${String(Date.now() - started)} ms; screenshots in ${LOOK_DIR}`);
      expect(found, 'what looks broken').toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'prints the first contentful paint of each kind of dashboard (production build, after login; SCF_FIRST_PAINT_RUNS loads each, 1 unless told)',
    async () => {
      const dashboards = [
        {
          kind: 'SME',
          org: 'supplier',
          username: `${TIER1.login}.clerk`,
          path: '/dashboard',
          ready: 'stat-held',
        },
        {
          kind: 'core',
          org: 'core',
          username: `${CORE.login}.clerk`,
          path: '/dashboard',
          ready: 'stat-payable',
        },
        {
          kind: 'bank',
          org: 'banka',
          username: `${BANK_A.login}.clerk`,
          path: '/portfolio',
          ready: 'stat-exposure',
        },
        {
          kind: 'logistics',
          org: 'logistics',
          username: `${demoEnterprise('carrier').login}.clerk`,
          path: '/dashboard',
          ready: 'needs-me',
        },
      ];
      const lines: string[] = [];
      for (const dashboard of dashboards) {
        const actor = await open(dashboard.org, dashboard.username);
        const samples: { fcp: number; ready: number }[] = [];
        for (let run = 0; run < FIRST_PAINT_RUNS; run += 1) {
          await actor.page.goto('about:blank');
          await visit(actor, dashboard.path);
          await actor.page.getByTestId(dashboard.ready).waitFor();
          // Chromium records the paint entry just after the frame it paints; the figures can be in the
          // DOM a moment before that.
          await actor.page.waitForFunction(
            () => performance.getEntriesByName('first-contentful-paint').length > 0,
          );
          samples.push(
            await actor.page.evaluate(() => ({
              fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
              ready: performance.now(),
            })),
          );
        }
        for (const sample of samples) expect(sample.fcp).toBeGreaterThan(0);
        const fcps = samples.map((sample) => sample.fcp).sort((a, b) => a - b);
        const readies = samples.map((sample) => sample.ready).sort((a, b) => a - b);
        const middle = Math.floor(samples.length / 2);
        lines.push(
          `  ${dashboard.kind.padEnd(10)} ${dashboard.path.padEnd(11)} first-contentful-paint median ` +
            `${(fcps[middle] ?? Number.NaN).toFixed(0)} ms (runs ${fcps.map((ms) => ms.toFixed(0)).join(', ')}); ` +
            `figures shown at ${(readies[middle] ?? Number.NaN).toFixed(0)} ms`,
        );
        if (dashboard.kind !== 'logistics') await shot(actor, `dashboard-first-paint-${dashboard.kind}`);
      }
      console.log(
        `dashboard first paint (Chromium ${browser?.version() ?? ''}, 1280×800, warm HTTP cache):\n${lines.join('\n')}`,
      );
    },
    STEP_TIMEOUT_MS,
  );

  const market: MarketStoryHooks = {
    ctx: () => {
      if (!ctx) throw new Error('the consortium did not start');
      return ctx;
    },
    open,
    shot,
    stepTimeoutMs: STEP_TIMEOUT_MS,
  };
  // Its recourse step moves bank B's clock on; market-story's write-off step, last, moves bank A's.
  moreMarketStory(market);
  marketStory(market);
});
