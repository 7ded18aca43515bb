import { describe, expect, it } from 'vitest';
import { type Approval, ErrorCodes, Events, type Invoice, type Voucher } from '@scf/ledger-contract';
import { InvoiceContract } from '../src/contracts/invoice-contract';
import { SettlementContract } from '../src/contracts/settlement-contract';
import { approvals, approveAs, person, prepare, setFourEyes } from './support/approvals';
import { orgAdmin, userOf } from './support/callers';
import { EnterpriseContract } from '../src/contracts/enterprise-contract';
import { ENTERPRISES, MSP } from './support/enterprises';
import { lastEvent } from './support/events';
import { expectRefused } from './support/expect-refused';
import { registerInvoice } from './support/invoices';
import { stored } from './support/ledger-state';
import { MemoryLedger } from './support/memory-stub';
import { parse } from './support/parse';
import { registerEnterprises } from './support/registration';
import { kept, paid, seedChain, voucherContract } from './support/vouchers';

const invoices = new InvoiceContract();
const settlements = new SettlementContract();
const enterprises = new EnterpriseContract();
const { core } = ENTERPRISES;

const coreClerk = person('core', 'clerk', 'core-clerk');
const coreClerk2 = person('core', 'clerk', 'core-clerk-2');
const coreApprover = person('core', 'approver', 'core-approver');
const coreApprover2 = person('core', 'approver', 'core-approver-2');
const otherCoreApprover = person('otherCore', 'approver', 'other-core-approver');

/** The consortium and a second core enterprise, four eyes on for `core`, and an invoice to it. */
async function setUp(): Promise<{ ledger: MemoryLedger; invoice: Invoice }> {
  const ledger = new MemoryLedger();
  await registerEnterprises(ledger, { extra: ['otherCore'] });
  await setFourEyes(ledger, 'core');
  return { ledger, invoice: await registerInvoice(ledger, core.id) };
}

const confirmArgs = (invoice: Invoice, waiveDelivery = 'true'): Record<string, string> => ({
  invoiceId: invoice.id,
  waiveDelivery,
  lateInterestBps: '',
});

describe('EnterpriseContract.SetFourEyes', () => {
  it('lets its host org admin turn four eyes on and off, each an event naming who did it', async () => {
    const ledger = new MemoryLedger();
    await registerEnterprises(ledger);
    const on = await setFourEyes(ledger, 'core');
    expect(on.fourEyes).toBe(true);
    expect(lastEvent(ledger)).toEqual({ name: Events.EnterpriseFourEyesChanged, records: [on] });
    const off = await setFourEyes(ledger, 'core', false);
    expect(off).toMatchObject({ fourEyes: false, updatedBy: `ORG-ADMIN/admin@${MSP.core}` });
    expect(lastEvent(ledger).name).toBe(Events.EnterpriseFourEyesChanged);
  });

  it('refuses another org, a user who is no org admin, and a change to what is already so', async () => {
    const ledger = new MemoryLedger();
    await registerEnterprises(ledger);
    const set =
      (caller = orgAdmin(MSP.bankA), on = 'true') =>
      () =>
        ledger.submit(caller, (ctx) => enterprises.SetFourEyes(ctx, core.id, on));
    await expectRefused(ledger, set(), ErrorCodes.Forbidden);
    await expectRefused(ledger, set(userOf('core', 'approver')), ErrorCodes.Forbidden);
    await expectRefused(ledger, set(orgAdmin(MSP.core), 'false'), ErrorCodes.InvalidState);
    await expectRefused(ledger, set(orgAdmin(MSP.core), 'yes'), ErrorCodes.InvalidArgument);
  });
});

describe('four eyes on a money-moving transaction called directly', () => {
  it('refuses it with FOUR_EYES_REQUIRED when on, writing nothing', async () => {
    const { ledger, invoice } = await setUp();
    await expectRefused(
      ledger,
      () => ledger.submit(coreApprover, (ctx) => invoices.Confirm(ctx, invoice.id, 'true', '')),
      ErrorCodes.FourEyesRequired,
    );
  });

  it('runs it as before when off (never turned on, or turned off again)', async () => {
    const { ledger, invoice } = await setUp();
    await setFourEyes(ledger, 'core', false);
    const confirmed = parse<Invoice>(
      await ledger.submit(coreApprover, (ctx) => invoices.Confirm(ctx, invoice.id, 'true', '')),
    );
    expect(confirmed.status).toBe('CONFIRMED');
  });

  it('refuses a split by a supplier with four eyes on, and runs it from an approval', async () => {
    const ledger = new MemoryLedger();
    const { root, tier2Invoice } = await seedChain(ledger);
    await setFourEyes(ledger, 'tier1');
    const pieces = JSON.stringify([kept('600000'), paid('400000', 'tier2', tier2Invoice)]);
    await expectRefused(
      ledger,
      () => ledger.submit(userOf('tier1'), (ctx) => voucherContract.SplitTransfer(ctx, root.id, pieces)),
      ErrorCodes.FourEyesRequired,
    );
    const prepared = await prepare(ledger, person('tier1', 'clerk', 't1-clerk'), 'voucher:SplitTransfer', {
      voucherId: root.id,
      piecesJson: pieces,
    });
    const approved = await approveAs(ledger, person('tier1', 'approver', 't1-approver'), prepared.id);
    expect(approved).toMatchObject({ status: 'APPROVED', resultId: root.id });
    expect(stored<Voucher>(ledger, 'voucher', root.id).status).toBe('SPLIT');
  });
});

describe('ApprovalContract.Prepare', () => {
  it("records a clerk's prepared confirmation, PENDING, with its identity and arguments", async () => {
    const { ledger, invoice } = await setUp();
    const prepared = await prepare(ledger, coreClerk, 'invoice:Confirm', confirmArgs(invoice));
    const txId = ledger.events.at(-1)?.txId;
    expect(prepared).toMatchObject({
      docType: 'approval',
      id: txId,
      enterpriseId: core.id,
      action: 'invoice:Confirm',
      args: confirmArgs(invoice),
      preparedByMsp: MSP.core,
      preparedBy: coreClerk.id,
      status: 'PENDING',
    });
    expect(prepared.preparedAt).toBe(prepared.createdAt);
    expect(stored<Approval>(ledger, 'approval', prepared.id)).toEqual(prepared);
    expect(lastEvent(ledger)).toEqual({ name: Events.ApprovalPrepared, records: [prepared] });
    expect(stored<Invoice>(ledger, 'invoice', invoice.id).status).toBe('REGISTERED');
  });

  it('refuses an action for another enterprise, by a kind that may not do it, or with unfit arguments', async () => {
    const { ledger, invoice } = await setUp();
    const attempt = (caller: typeof coreClerk, action: string, args: unknown) => () =>
      ledger.submit(caller, (ctx) => approvals.Prepare(ctx, action, JSON.stringify(args)));
    const args = confirmArgs(invoice);
    await expectRefused(
      ledger,
      attempt(person('otherCore', 'clerk', 'oc'), 'invoice:Confirm', args),
      ErrorCodes.Forbidden,
    );
    await expectRefused(
      ledger,
      attempt(userOf('tier1', 'clerk'), 'invoice:Confirm', args),
      ErrorCodes.Forbidden,
    );
    await expectRefused(ledger, attempt(coreClerk, 'financing:Accept', args), ErrorCodes.InvalidArgument);
    await expectRefused(
      ledger,
      attempt(coreClerk, 'invoice:Confirm', { ...args, extra: 'x' }),
      ErrorCodes.InvalidArgument,
    );
    await expectRefused(
      ledger,
      attempt(coreClerk, 'invoice:Confirm', { invoiceId: invoice.id }),
      ErrorCodes.InvalidArgument,
    );
    await expectRefused(ledger, attempt(coreClerk, 'invoice:Confirm', [args]), ErrorCodes.InvalidArgument);
    await expectRefused(
      ledger,
      attempt(coreClerk, 'invoice:Confirm', { ...args, invoiceId: 'nope' }),
      ErrorCodes.NotFound,
    );
  });
});

describe('ApprovalContract.Approve', () => {
  it("runs the action as another approver of the enterprise: the invoice's voucher is issued", async () => {
    const { ledger, invoice } = await setUp();
    const prepared = await prepare(ledger, coreClerk, 'invoice:Confirm', confirmArgs(invoice));
    const approved = await approveAs(ledger, coreApprover, prepared.id);
    const confirmed = stored<Invoice>(ledger, 'invoice', invoice.id);
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', deliveryWaived: true });
    const voucher = stored<Voucher>(ledger, 'voucher', confirmed.voucherId ?? '');
    expect(voucher).toMatchObject({ holderId: invoice.sellerId, debtorId: core.id, status: 'ACTIVE' });
    expect(approved).toMatchObject({
      status: 'APPROVED',
      resultId: voucher.id,
      decidedBy: coreApprover.id,
      decidedByMsp: MSP.core,
      updatedBy: `${core.id}/approver@${MSP.core}`,
    });
    expect(lastEvent(ledger)).toEqual({
      name: Events.ApprovalApproved,
      records: [confirmed, voucher, approved],
    });
  });

  it('refuses the identity that prepared it, with FOUR_EYES_SAME_IDENTITY, clerk or approver', async () => {
    const { ledger, invoice } = await setUp();
    const byClerk = await prepare(ledger, coreClerk, 'invoice:Confirm', confirmArgs(invoice));
    await expectRefused(
      ledger,
      () => approveAs(ledger, coreClerk, byClerk.id),
      ErrorCodes.FourEyesSameIdentity,
    );
    const byApprover = await prepare(ledger, coreApprover, 'invoice:Confirm', confirmArgs(invoice));
    await expectRefused(
      ledger,
      () => approveAs(ledger, coreApprover, byApprover.id),
      ErrorCodes.FourEyesSameIdentity,
    );
    expect((await approveAs(ledger, coreApprover2, byApprover.id)).status).toBe('APPROVED');
  });

  it("refuses another clerk, and another enterprise's approver, even of the same org", async () => {
    const { ledger, invoice } = await setUp();
    const prepared = await prepare(ledger, coreClerk, 'invoice:Confirm', confirmArgs(invoice));
    await expectRefused(ledger, () => approveAs(ledger, coreClerk2, prepared.id), ErrorCodes.Forbidden);
    await expectRefused(
      ledger,
      () => approveAs(ledger, otherCoreApprover, prepared.id),
      ErrorCodes.Forbidden,
    );
    await expectRefused(ledger, () => approveAs(ledger, userOf('bankA'), prepared.id), ErrorCodes.Forbidden);
  });

  it("applies the action's own rules: a failing action writes nothing and the approval stays pending", async () => {
    const { ledger, invoice } = await setUp();
    const prepared = await prepare(ledger, coreClerk, 'invoice:Confirm', confirmArgs(invoice, 'false'));
    await expectRefused(
      ledger,
      () => approveAs(ledger, coreApprover, prepared.id),
      ErrorCodes.DeliveryNotConfirmed,
    );
    expect(stored<Approval>(ledger, 'approval', prepared.id).status).toBe('PENDING');
  });

  it('runs only the prepared action: it does not open four eyes for another transaction', async () => {
    const { ledger, invoice } = await setUp();
    const prepared = await prepare(ledger, coreClerk, 'invoice:Confirm', confirmArgs(invoice));
    await approveAs(ledger, coreApprover, prepared.id);
    const voucherId = stored<Invoice>(ledger, 'invoice', invoice.id).voucherId ?? '';
    await expectRefused(
      ledger,
      () => ledger.submit(coreApprover, (ctx) => settlements.Pay(ctx, voucherId, 'PAY-1')),
      ErrorCodes.FourEyesRequired,
    );
    await expectRefused(ledger, () => approveAs(ledger, coreApprover2, prepared.id), ErrorCodes.InvalidState);
  });
});

describe('ApprovalContract.Reject and Withdraw', () => {
  it('an approver rejects with a reason; a rejected approval can no longer be approved', async () => {
    const { ledger, invoice } = await setUp();
    const prepared = await prepare(ledger, coreClerk, 'invoice:Confirm', confirmArgs(invoice));
    const reject =
      (caller = coreApprover, reason = 'wrong amount') =>
      () =>
        ledger.submit(caller, (ctx) => approvals.Reject(ctx, prepared.id, reason));
    await expectRefused(ledger, reject(coreClerk2), ErrorCodes.Forbidden);
    await expectRefused(ledger, reject(otherCoreApprover), ErrorCodes.Forbidden);
    await expectRefused(ledger, reject(coreApprover, ' '), ErrorCodes.InvalidArgument);
    const rejected = parse<Approval>(await reject()());
    expect(rejected).toMatchObject({
      status: 'REJECTED',
      reason: 'wrong amount',
      decidedBy: coreApprover.id,
    });
    expect(lastEvent(ledger)).toEqual({ name: Events.ApprovalRejected, records: [rejected] });
    await expectRefused(ledger, () => approveAs(ledger, coreApprover2, prepared.id), ErrorCodes.InvalidState);
    expect(stored<Invoice>(ledger, 'invoice', invoice.id).status).toBe('REGISTERED');
  });

  it('only its preparer withdraws it, while it is pending', async () => {
    const { ledger, invoice } = await setUp();
    const prepared = await prepare(ledger, coreClerk, 'invoice:Confirm', confirmArgs(invoice));
    const withdraw =
      (caller = coreClerk) =>
      () =>
        ledger.submit(caller, (ctx) => approvals.Withdraw(ctx, prepared.id));
    await expectRefused(ledger, withdraw(coreClerk2), ErrorCodes.Forbidden);
    await expectRefused(ledger, withdraw(coreApprover), ErrorCodes.Forbidden);
    const withdrawn = parse<Approval>(await withdraw()());
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', decidedBy: coreClerk.id });
    expect(lastEvent(ledger)).toEqual({ name: Events.ApprovalWithdrawn, records: [withdrawn] });
    await expectRefused(ledger, withdraw(), ErrorCodes.InvalidState);
  });

  it('shows an approval only to users of its enterprise', async () => {
    const { ledger, invoice } = await setUp();
    const prepared = await prepare(ledger, coreClerk, 'invoice:Confirm', confirmArgs(invoice));
    const read = (caller = coreApprover) => ledger.evaluate(caller, (ctx) => approvals.Get(ctx, prepared.id));
    expect(parse<Approval>(await read())).toEqual(prepared);
    await expect(read(otherCoreApprover)).rejects.toMatchObject({ code: ErrorCodes.Forbidden });
  });
});
