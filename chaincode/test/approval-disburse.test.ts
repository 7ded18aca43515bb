import { beforeEach, describe, expect, it } from 'vitest';
import { type Approval, ErrorCodes, type Financing, type Invoice, ObjectTypes } from '@scf/ledger-contract';
import { approvals, approveAs, person, prepare, setFourEyes } from './support/approvals';
import { expectRefused } from './support/expect-refused';
import { accept, apply, offer, registrationFor, setupFinance } from './support/financing';
import { registerInvoice } from './support/invoices';
import { stored } from './support/ledger-state';
import { MemoryLedger } from './support/memory-stub';
import { parse } from './support/parse';
import { seedVoucher } from './support/vouchers';
import { ENTERPRISES } from './support/enterprises';

const bankClerk = person('bankA', 'clerk', 'banka-clerk');
const bankApprover = person('bankA', 'approver', 'banka-approver');
const coreClerk = person('core', 'clerk', 'core-clerk');
const coreApprover = person('core', 'approver', 'core-approver');

let ledger: MemoryLedger;
let accepted: Financing;

beforeEach(async () => {
  ledger = new MemoryLedger();
  await setupFinance(ledger);
  const voucher = await seedVoucher(ledger);
  accepted = await accept(ledger, await offer(ledger, await apply(ledger, voucher.id)));
  await setFourEyes(ledger, 'bankA');
});

const disburseArgs = (registrationJson = ''): Record<string, string> => ({
  financingId: accepted.id,
  paymentReference: 'BANKA-PAY-4E',
  registrationJson,
});
const registered = (): string => JSON.stringify(registrationFor(accepted));
const storedFinancing = (): Financing => stored<Financing>(ledger, ObjectTypes.Financing, accepted.id);

describe('a disbursement under four eyes: the registration comes with the approval', () => {
  it('refuses a prepared registration: only the approver gives it, when approving', async () => {
    await expectRefused(
      ledger,
      () => prepare(ledger, bankClerk, 'financing:Disburse', disburseArgs(registered())),
      ErrorCodes.InvalidArgument,
    );
  });

  it('disburses with the registration the approver gives, citing it on the financing', async () => {
    const prepared = await prepare(ledger, bankClerk, 'financing:Disburse', disburseArgs());
    expect(prepared.args).toEqual(disburseArgs());
    const approved = await approveAs(ledger, bankApprover, prepared.id, registered());
    expect(approved).toMatchObject({ status: 'APPROVED', resultId: accepted.id });
    expect(storedFinancing()).toMatchObject({
      status: 'DISBURSED',
      paymentReference: 'BANKA-PAY-4E',
      registration: { registrationNumber: '2026010500000001', registrantId: ENTERPRISES.bankA.id },
    });
  });

  it('refuses an approval without a registration (REGISTRATION_REQUIRED), leaving it pending', async () => {
    const prepared = await prepare(ledger, bankClerk, 'financing:Disburse', disburseArgs());
    await expectRefused(
      ledger,
      () => approveAs(ledger, bankApprover, prepared.id),
      ErrorCodes.RegistrationRequired,
    );
    expect(stored<Approval>(ledger, ObjectTypes.Approval, prepared.id).status).toBe('PENDING');
    expect(storedFinancing().status).toBe('ACCEPTED');
  });

  it('refuses a registration by another bank, as Disburse does, leaving the financing accepted', async () => {
    const prepared = await prepare(ledger, bankClerk, 'financing:Disburse', disburseArgs());
    const otherBank = registrationFor(accepted, {
      registration: {
        registrationNumber: '2026010500000002',
        registeredAt: '2026-01-05T01:59:30.000Z',
        registrantId: ENTERPRISES.bankB.id,
      },
    });
    await expectRefused(
      ledger,
      () => approveAs(ledger, bankApprover, prepared.id, JSON.stringify(otherBank)),
      ErrorCodes.RegistrationRequired,
    );
    expect(storedFinancing().status).toBe('ACCEPTED');
  });

  it('refuses a registration given with the approval of an action that takes none', async () => {
    await setFourEyes(ledger, 'core');
    const invoice: Invoice = await registerInvoice(ledger, ENTERPRISES.core.id);
    const prepared = await prepare(ledger, coreClerk, 'invoice:Confirm', {
      invoiceId: invoice.id,
      waiveDelivery: 'true',
      lateInterestBps: '',
    });
    await expectRefused(
      ledger,
      () => approveAs(ledger, coreApprover, prepared.id, registered()),
      ErrorCodes.InvalidArgument,
    );
    expect(
      parse<Approval>(await ledger.evaluate(coreApprover, (ctx) => approvals.Get(ctx, prepared.id))).status,
    ).toBe('PENDING');
  });
});
