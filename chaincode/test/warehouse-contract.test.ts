import { beforeEach, describe, expect, it } from 'vitest';
import { ErrorCodes, Events, type Financing, type WarehouseReceipt } from '@scf/ledger-contract';
import { receiptId } from '../src/repositories/warehouse-receipts';
import { userOf } from './support/callers';
import { sha256 } from './support/digests';
import { ENTERPRISES, MSP } from './support/enterprises';
import { lastEvent } from './support/events';
import { expectRefused } from './support/expect-refused';
import { approveAs, person, prepare, setFourEyes } from './support/approvals';
import {
  accept,
  disburse,
  financings,
  offer,
  registrationFor,
  setupFinance,
  withTerms,
} from './support/financing';
import { stored } from './support/ledger-state';
import { MemoryLedger, type TestCaller } from './support/memory-stub';
import { parse } from './support/parse';
import { endorsersOf } from './support/policies';
import { registerEnterprise } from './support/registration';
import { INSPECTION_HASH, issueReceipt, pledge, warehouse } from './support/warehouse-receipts';

const { tier1, tier2, core, carrier, bankA } = ENTERPRISES;
const RECEIPT = 'warehousereceipt';

let ledger: MemoryLedger;

/** No credit lines at all: a receipt financing draws on none. */
beforeEach(async () => {
  ledger = new MemoryLedger();
  await setupFinance(ledger, { lines: [] });
  await registerEnterprise(ledger, 'otherCarrier');
});

const run = (caller: TestCaller, body: Parameters<MemoryLedger['submit']>[1]): Promise<unknown> =>
  ledger.submit(caller, body);
const receiptOf = (id: string): WarehouseReceipt => stored<WarehouseReceipt>(ledger, RECEIPT, id);
const financingOf = (id: string): Financing => stored<Financing>(ledger, 'financing', id);

const requestRelease = (id: string, caller = userOf('tier1', 'approver')): Promise<unknown> =>
  run(caller, (ctx) => warehouse.RequestRelease(ctx, id));
const consent = (id: string, caller = userOf('bankA', 'approver')): Promise<unknown> =>
  run(caller, (ctx) => warehouse.ConsentRelease(ctx, id));
const confirmOut = (id: string, caller = userOf('carrier', 'clerk')): Promise<unknown> =>
  run(caller, (ctx) => warehouse.ConfirmOut(ctx, id));
const repay = (id: string, caller = userOf('bankA', 'approver')): Promise<unknown> =>
  run(caller, (ctx) => warehouse.Repay(ctx, id, 'REPAY-0001'));
const transfer = (id: string, to = tier2.id, caller = userOf('tier1', 'approver')): Promise<unknown> =>
  run(caller, (ctx) => warehouse.Transfer(ctx, id, to));

/** Pledged to bank A, offered, accepted and disbursed. */
async function financed(receipt: WarehouseReceipt): Promise<Financing> {
  const applied = await pledge(ledger, receipt);
  await accept(ledger, await offer(ledger, applied));
  return disburse(ledger, applied);
}

describe('WarehouseContract.Issue', () => {
  it('the keeper issues a receipt for the owner, bound to both orgs, with one event', async () => {
    const receipt = await issueReceipt(ledger);
    expect(receipt).toMatchObject({
      docType: RECEIPT,
      id: sha256(`${carrier.id}\u0000WR-2026-001`),
      number: 'WR-2026-001',
      keeperId: carrier.id,
      ownerId: tier1.id,
      goods: 'Copper cathode, grade A',
      quantity: 120,
      unit: 't',
      inspectionDocHash: INSPECTION_HASH,
      status: 'ISSUED',
    });
    expect(receiptId(carrier.id, 'wr-2026-001')).toBe(receipt.id);
    expect(endorsersOf(ledger, RECEIPT, receipt.id)).toEqual([MSP.logistics, MSP.supplier].sort());
    expect(lastEvent(ledger)).toEqual({ name: Events.WarehouseReceiptIssued, records: [receipt] });
  });

  it.each([
    ['a supplier', 'tier1'],
    ['a bank', 'bankA'],
    ['the core enterprise', 'core'],
  ] as const)('refuses %s as keeper', async (_who, name) => {
    await expectRefused(ledger, () => issueReceipt(ledger, {}, name), ErrorCodes.Forbidden);
  });

  it.each([
    ['a quantity of 0', { quantity: '0' }],
    ['a fractional quantity', { quantity: '1.5' }],
    ['a bad inspection hash', { hash: 'not-a-hash' }],
    ['an empty goods text', { goods: '' }],
    ['a bank as owner', { owner: 'bankA' as const }],
    ['a carrier as owner', { owner: 'otherCarrier' as const }],
  ])('refuses %s', async (_what, overrides) => {
    await expectRefused(ledger, () => issueReceipt(ledger, overrides), ErrorCodes.InvalidArgument);
  });

  it('refuses the same number twice, in any spelling', async () => {
    await issueReceipt(ledger);
    await expectRefused(
      ledger,
      () => issueReceipt(ledger, { number: 'wr-2026-001' }),
      ErrorCodes.AlreadyExists,
    );
  });
});

describe('WarehouseContract.Transfer', () => {
  it('the owner passes an ISSUED receipt on; the key follows the new owner', async () => {
    const receipt = await issueReceipt(ledger);
    await transfer(receipt.id, core.id);
    expect(receiptOf(receipt.id).ownerId).toBe(core.id);
    expect(endorsersOf(ledger, RECEIPT, receipt.id)).toEqual([MSP.core, MSP.logistics].sort());
  });

  it('refuses another SME, a clerk of the owner, the keeper, and a pledged receipt', async () => {
    const receipt = await issueReceipt(ledger);
    await expectRefused(ledger, () => transfer(receipt.id, core.id, userOf('tier2')), ErrorCodes.Forbidden);
    await expectRefused(
      ledger,
      () => transfer(receipt.id, core.id, userOf('tier1', 'clerk')),
      ErrorCodes.Forbidden,
    );
    await expectRefused(ledger, () => transfer(receipt.id, core.id, userOf('carrier')), ErrorCodes.Forbidden);
    await pledge(ledger, receipt);
    await expectRefused(ledger, () => transfer(receipt.id), ErrorCodes.InvalidState);
  });
});

describe('WarehouseContract.Pledge', () => {
  it('opens an APPLIED financing of the receipt, owed by its owner; the receipt PLEDGED, bound to the bank too', async () => {
    const receipt = await issueReceipt(ledger);
    const applied = await pledge(ledger, receipt);
    expect(applied).toMatchObject({
      receiptId: receipt.id,
      applicantId: tier1.id,
      debtorId: tier1.id,
      bankId: bankA.id,
      amount: '80000000',
      maturityDate: '2026-06-30',
      status: 'APPLIED',
    });
    expect(applied.voucherId).toBeUndefined();
    expect(receiptOf(receipt.id)).toMatchObject({ status: 'PLEDGED', financingId: applied.id });
    expect(endorsersOf(ledger, RECEIPT, receipt.id)).toEqual([MSP.bankA, MSP.logistics, MSP.supplier].sort());
    expect(lastEvent(ledger).name).toBe(Events.WarehouseReceiptPledged);
  });

  it('refuses a second pledge, at the same bank or another', async () => {
    const receipt = await issueReceipt(ledger);
    await pledge(ledger, receipt);
    await expectRefused(ledger, () => pledge(ledger, receipt, 'bankB'), ErrorCodes.InvalidState);
    await expectRefused(ledger, () => pledge(ledger, receipt), ErrorCodes.InvalidState);
  });

  it.each(['tier2', 'core', 'bankA', 'carrier'] as const)('refuses %s, not the owner', async (name) => {
    const receipt = await issueReceipt(ledger);
    await expectRefused(ledger, () => pledge(ledger, receipt, 'bankA', name), ErrorCodes.Forbidden);
  });

  it('refuses a past maturity, a zero amount and a bank that is not one', async () => {
    const receipt = await issueReceipt(ledger);
    const attempt = (bankId: string, amount: string, maturity: string) => () =>
      run(userOf('tier1', 'clerk'), (ctx) => warehouse.Pledge(ctx, receipt.id, bankId, amount, maturity));
    await expectRefused(ledger, attempt(bankA.id, '100', '2026-01-05'), ErrorCodes.InvalidArgument);
    await expectRefused(ledger, attempt(bankA.id, '0', '2026-06-30'), ErrorCodes.InvalidArgument);
    await expectRefused(ledger, attempt(core.id, '100', '2026-06-30'), ErrorCodes.InvalidArgument);
  });

  it('a core enterprise owning a receipt pledges it and accepts the offer', async () => {
    const receipt = await issueReceipt(ledger, { owner: 'core' });
    const applied = await pledge(ledger, receipt, 'bankA', 'core');
    await offer(ledger, applied);
    const accepted = await run(userOf('core', 'approver'), (ctx) => financings.Accept(ctx, applied.id));
    expect(parse<Financing>(accepted as string).status).toBe('ACCEPTED');
  });
});

describe('receipt financing', () => {
  it('is offered, accepted and disbursed with no credit line, registered under the receipt; the receipt stays PLEDGED', async () => {
    const receipt = await issueReceipt(ledger);
    const disbursed = await financed(receipt);
    expect(disbursed).toMatchObject({ status: 'DISBURSED', paymentReference: 'PAY-0001' });
    expect(disbursed.registration?.registrationNumber).toBe('2026010500000001');
    expect(disbursed.assignmentNotice).toBeUndefined();
    expect(receiptOf(receipt.id)).toMatchObject({ status: 'PLEDGED', financingId: disbursed.id });
  });

  it('is offered and disbursed under the bank’s four eyes like a voucher’s: prepared by one, approved by another', async () => {
    const receipt = await issueReceipt(ledger);
    const applied = await pledge(ledger, receipt);
    await setFourEyes(ledger, 'bankA');
    await expectRefused(ledger, () => offer(ledger, applied), ErrorCodes.FourEyesRequired);
    const clerk = person('bankA', 'clerk', 'banka-clerk');
    const approver = person('bankA', 'approver', 'banka-approver');
    const offerArgs = { financingId: applied.id };
    const preparedOffer = await prepare(ledger, clerk, 'financing:Offer', offerArgs, withTerms());
    await approveAs(ledger, approver, preparedOffer.id, '', withTerms());
    expect(financingOf(applied.id).status).toBe('OFFERED');
    await accept(ledger, financingOf(applied.id));
    const payout = { financingId: applied.id, paymentReference: 'PAY-0001', registrationJson: '' };
    const preparedPayout = await prepare(ledger, clerk, 'financing:Disburse', payout);
    await approveAs(ledger, approver, preparedPayout.id, JSON.stringify(registrationFor(applied)));
    expect(financingOf(applied.id)).toMatchObject({ status: 'DISBURSED', paymentReference: 'PAY-0001' });
    expect(receiptOf(receipt.id)).toMatchObject({ status: 'PLEDGED', financingId: applied.id });
  });

  it('frees the receipt when the bank rejects the application or the owner withdraws', async () => {
    const receipt = await issueReceipt(ledger);
    const applied = await pledge(ledger, receipt);
    await run(userOf('bankA', 'clerk'), (ctx) => financings.Reject(ctx, applied.id, 'not our goods'));
    expect(receiptOf(receipt.id)).not.toHaveProperty('financingId');
    expect(receiptOf(receipt.id).status).toBe('ISSUED');
    expect(endorsersOf(ledger, RECEIPT, receipt.id)).toEqual([MSP.logistics, MSP.supplier].sort());
    const again = await pledge(ledger, receipt, 'bankB');
    await run(userOf('tier1', 'clerk'), (ctx) => financings.Withdraw(ctx, again.id));
    expect(receiptOf(receipt.id).status).toBe('ISSUED');
  });
});

describe('release of a pledged receipt', () => {
  it('is refused without the bank consent, goes out with it, and the financing is still repaid', async () => {
    const receipt = await issueReceipt(ledger);
    const disbursed = await financed(receipt);
    await expectRefused(ledger, () => requestRelease(receipt.id), ErrorCodes.ReleaseConsentRequired);
    await expectRefused(ledger, () => confirmOut(receipt.id), ErrorCodes.InvalidState);
    await consent(receipt.id);
    expect(receiptOf(receipt.id).releaseConsent).toMatchObject({
      bankId: bankA.id,
      financingId: disbursed.id,
    });
    await expectRefused(ledger, () => consent(receipt.id), ErrorCodes.AlreadyExists);
    await requestRelease(receipt.id);
    await confirmOut(receipt.id);
    expect(receiptOf(receipt.id).status).toBe('RELEASED');
    await repay(disbursed.id);
    expect(financingOf(disbursed.id).status).toBe('SETTLED');
    expect(receiptOf(receipt.id)).toMatchObject({ status: 'RELEASED', releaseConsent: { bankId: bankA.id } });
  });

  it.each([
    ['another bank', userOf('bankB', 'approver')],
    ['a clerk of the bank', userOf('bankA', 'clerk')],
    ['the owner', userOf('tier1', 'approver')],
    ['the core enterprise', userOf('core', 'approver')],
    ['the keeper', userOf('carrier', 'approver')],
  ])('refuses consent from %s', async (_who, caller) => {
    const receipt = await issueReceipt(ledger);
    await financed(receipt);
    await expectRefused(ledger, () => consent(receipt.id, caller), ErrorCodes.Forbidden);
  });

  it('refuses a consent on a receipt that is not pledged', async () => {
    const receipt = await issueReceipt(ledger);
    await expectRefused(ledger, () => consent(receipt.id), ErrorCodes.InvalidState);
  });
});

describe('WarehouseContract.Repay', () => {
  it('settles the financing and frees the receipt: release then needs no consent', async () => {
    const receipt = await issueReceipt(ledger);
    const disbursed = await financed(receipt);
    await repay(disbursed.id);
    expect(financingOf(disbursed.id)).toMatchObject({ status: 'SETTLED', repaymentReference: 'REPAY-0001' });
    expect(receiptOf(receipt.id).status).toBe('ISSUED');
    expect(lastEvent(ledger).name).toBe(Events.WarehouseFinancingRepaid);
    await requestRelease(receipt.id);
    await expectRefused(ledger, () => requestRelease(receipt.id), ErrorCodes.InvalidState);
    await expectRefused(ledger, () => confirmOut(receipt.id, userOf('otherCarrier')), ErrorCodes.Forbidden);
    await expectRefused(ledger, () => confirmOut(receipt.id, userOf('tier1')), ErrorCodes.Forbidden);
    await confirmOut(receipt.id);
    expect(receiptOf(receipt.id).status).toBe('RELEASED');
    await expectRefused(ledger, () => confirmOut(receipt.id), ErrorCodes.InvalidState);
    await expectRefused(ledger, () => pledge(ledger, receipt), ErrorCodes.InvalidState);
  });

  it('refuses another bank, a clerk, the owner, and a financing not disbursed or of a voucher', async () => {
    const receipt = await issueReceipt(ledger);
    const applied = await pledge(ledger, receipt);
    await expectRefused(ledger, () => repay(applied.id), ErrorCodes.InvalidState);
    await accept(ledger, await offer(ledger, applied));
    await disburse(ledger, applied);
    await expectRefused(ledger, () => repay(applied.id, userOf('bankB')), ErrorCodes.Forbidden);
    await expectRefused(ledger, () => repay(applied.id, userOf('bankA', 'clerk')), ErrorCodes.Forbidden);
    await expectRefused(ledger, () => repay(applied.id, userOf('tier1')), ErrorCodes.Forbidden);
  });

  it('refuses release requests from anyone but the owner approver', async () => {
    const receipt = await issueReceipt(ledger);
    await expectRefused(
      ledger,
      () => requestRelease(receipt.id, userOf('tier1', 'clerk')),
      ErrorCodes.Forbidden,
    );
    await expectRefused(ledger, () => requestRelease(receipt.id, userOf('tier2')), ErrorCodes.Forbidden);
    await expectRefused(ledger, () => requestRelease(receipt.id, userOf('bankA')), ErrorCodes.Forbidden);
    await expectRefused(ledger, () => requestRelease(receipt.id, userOf('carrier')), ErrorCodes.Forbidden);
  });
});
