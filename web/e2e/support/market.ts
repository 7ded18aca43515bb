import type { NetworkContext } from '@scf/network';
import type { Locator, Page } from 'playwright-core';
import { demoEnterprise } from '../../../node-api/src/demo/demo-consortium.ts';
import type { Flow } from '../../../node-api/src/demo/graphql-client.ts';
import { confirmByCore, registerCoreInvoice } from '../../../node-api/test/rules/core-invoice.ts';
import { loginAs } from '../../../node-api/test/support/node-apis.ts';
import { cstDate } from '../../../node-api/test/support/values.ts';
import type { Actor } from './portal.ts';

/**
 * What the market's steps (issue 13) share: the suite's hooks, the node-API writes that set up their
 * preconditions, the portal's paths and the Element Plus inputs they type into.
 */
export interface MarketStoryHooks {
  ctx(): NetworkContext;
  open(org: string, username: string, clockShiftDays?: number): Promise<Actor>;
  shot(actor: Actor, name: string): Promise<void>;
  stepTimeoutMs: number;
}

export const APPLY = `mutation($v: ID!, $b: String!) { applyFinancing(voucherId: $v, bankId: $b) {
  transactionId blockNumber financing { id } } }`;
export const OFFER = `mutation($id: ID!, $t: OfferInput!) { offerFinancing(id: $id, terms: $t) {
  transactionId blockNumber } }`;
export const ACCEPT = `mutation($id: ID!) { acceptOffer(id: $id) { transactionId blockNumber } }`;
export const DISBURSE = `mutation($id: ID!, $r: String!) { disburseFinancing(id: $id, paymentReference: $r) {
  transactionId blockNumber } }`;

/** A bank's terms as the offer mutation takes them (without the day it is valid until). */
export interface OfferTerms {
  advanceRateBps: number;
  spreadBps: number;
  fees: string;
  recourse: boolean;
}

export const voucherPath = (id: string): string => `/vouchers/${encodeURIComponent(id)}`;
export const invoicePath = (id: string): string => `/invoices/${encodeURIComponent(id)}`;
export const financingPath = (id: string): string => `/financings/${encodeURIComponent(id)}`;

/** The input of an Element Plus input or input-number carrying `testId` (on itself or its wrapper). */
export function inputOf(page: Page, testId: string): Locator {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

/** The text area of an Element Plus textarea input carrying `testId`. */
export function textAreaOf(page: Page, testId: string): Locator {
  return page.locator(`textarea[data-testid="${testId}"], [data-testid="${testId}"] textarea`).first();
}

/** Types into an Element Plus number input and commits the value (it takes it on change). */
export async function setNumber(page: Page, testId: string, value: number): Promise<void> {
  const input = inputOf(page, testId);
  await input.fill(String(value));
  await input.press('Tab');
}

/** A confirmed invoice of tier 1 to the core enterprise; returns its id and its voucher's. */
export async function confirmedVoucher(
  flow: Flow,
  ctx: NetworkContext,
  invoice: { number: string; amount: bigint; days: number },
): Promise<{ invoiceId: string; voucherId: string }> {
  const clerk = await loginAs(ctx, 'tier1', 'clerk');
  const core = await loginAs(ctx, 'core', 'approver');
  const invoiceId = await registerCoreInvoice(flow, clerk, {
    number: invoice.number,
    amount: invoice.amount.toString(),
    dueDate: cstDate(invoice.days),
  });
  return { invoiceId, voucherId: await confirmByCore(flow, core, invoiceId) };
}

const OFFERED_DAYS = `query($id: ID!) { financing(id: $id) { terms { days } } }`;

/**
 * Tier 1 applies to `bank`, whose approver offers `terms` for 10 days; returns the financing's id and
 * the days to maturity the ledger priced the offer on.
 */
export async function offeredAt(
  flow: Flow,
  ctx: NetworkContext,
  voucherId: string,
  bank: 'bankA' | 'bankB',
  terms: OfferTerms,
): Promise<{ financingId: string; days: number }> {
  const applicant = await loginAs(ctx, 'tier1', 'clerk');
  const approver = await loginAs(ctx, bank, 'approver');
  const applied = await flow.run<{ applyFinancing: { financing: { id: string } } }>(applicant, APPLY, {
    v: voucherId,
    b: demoEnterprise(bank).id,
  });
  const financingId = applied.applyFinancing.financing.id;
  await flow.run(approver, OFFER, { id: financingId, t: { ...terms, validUntil: cstDate(10) } });
  const offered = await flow.run<{ financing: { terms: { days: number } | null } | null }>(
    approver,
    OFFERED_DAYS,
    { id: financingId },
  );
  const days = offered.financing?.terms?.days;
  if (days === undefined) throw new Error(`bank ${bank}'s node holds no terms of ${financingId}`);
  return { financingId, days };
}
