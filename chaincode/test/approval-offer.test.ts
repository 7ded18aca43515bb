import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type Approval,
  ErrorCodes,
  type Financing,
  ObjectTypes,
  type OfferTerms,
  PREPARED_TERMS_HASH_ARG,
} from '@scf/ledger-contract';
import { orgCollection } from '../src/lib/collections';
import { approvals, approveAs, person, prepare, setFourEyes } from './support/approvals';
import { userOf } from './support/callers';
import { MSP } from './support/enterprises';
import { expectRefused } from './support/expect-refused';
import { apply, financings, setupFinance, withTerms, WORKED_TERMS } from './support/financing';
import { stored } from './support/ledger-state';
import { MemoryLedger, type TestCaller, type TxOptions } from './support/memory-stub';
import { parse } from './support/parse';
import { seedVoucher } from './support/vouchers';

const bankClerk = person('bankA', 'clerk', 'banka-clerk');
const bankApprover = person('bankA', 'approver', 'banka-approver');
const bankApprover2 = person('bankA', 'approver', 'banka-approver-2');

let ledger: MemoryLedger;
let applied: Financing;

beforeEach(async () => {
  ledger = new MemoryLedger();
  await setupFinance(ledger);
  applied = await apply(ledger, (await seedVoucher(ledger)).id);
  await setFourEyes(ledger, 'bankA');
});

/** The key the bank's collection keeps a prepared offer's terms under, spelled out here. */
const keptKey = (approval: Approval): string => `approval-terms/${approval.id}`;
const kept = (approval: Approval, mspId = MSP.bankA): Uint8Array | undefined =>
  ledger.privateState.get(orgCollection(mspId))?.get(keptKey(approval));
const storedFinancing = (): Financing => stored<Financing>(ledger, ObjectTypes.Financing, applied.id);
const storedApproval = (id: string): Approval => stored<Approval>(ledger, ObjectTypes.Approval, id);

/** The worked terms as the ledger keeps them: sorted keys, fees as fen digits. */
const canonical = (): string =>
  JSON.stringify({
    advanceRateBps: WORKED_TERMS.advanceRateBps,
    fees: WORKED_TERMS.fees,
    recourse: WORKED_TERMS.recourse,
    salt: WORKED_TERMS.salt,
    spreadBps: WORKED_TERMS.spreadBps,
    validUntil: WORKED_TERMS.validUntil,
  });

const prepareOffer = (caller: TestCaller = bankClerk, terms: TxOptions = withTerms()): Promise<Approval> =>
  prepare(ledger, caller, 'financing:Offer', { financingId: applied.id }, terms);
const approveOffer = (
  approval: Approval,
  caller = bankApprover,
  terms: TxOptions = withTerms(),
): Promise<Approval> => approveAs(ledger, caller, approval.id, '', terms);
const readTerms = (caller: TestCaller, id: string, peerMsp?: string): Promise<string> =>
  ledger.evaluate(caller, (ctx) => approvals.GetTerms(ctx, id), peerMsp ? { peerMsp } : {});

describe('an offer under four eyes: the terms stay with the bank until approved', () => {
  it('refuses a direct offer by the bank’s approver (FOUR_EYES_REQUIRED)', async () => {
    await expectRefused(
      ledger,
      () =>
        ledger.submit(userOf('bankA', 'approver'), (ctx) => financings.Offer(ctx, applied.id), withTerms()),
      ErrorCodes.FourEyesRequired,
    );
  });

  it('keeps the prepared terms in the bank org’s collection alone; the approval carries their hash', async () => {
    const prepared = await prepareOffer();
    const hash = createHash('sha256').update(canonical()).digest('hex');
    expect(prepared.args).toEqual({ financingId: applied.id, [PREPARED_TERMS_HASH_ARG]: hash });
    expect(Buffer.from(kept(prepared) ?? []).toString('utf8')).toBe(canonical());
    expect([...ledger.privateState.keys()]).toEqual([orgCollection(MSP.bankA)]);
    const publicBytes = [...ledger.state.values()].map((bytes) => Buffer.from(bytes).toString('utf8'));
    expect(publicBytes.some((text) => text.includes(WORKED_TERMS.salt as string))).toBe(false);
    expect(storedFinancing().status).toBe('APPLIED');
  });

  it('refuses a hash given by the preparer, an offer without terms, and terms sent with another action', async () => {
    const hash = { financingId: applied.id, [PREPARED_TERMS_HASH_ARG]: 'a'.repeat(64) };
    await expectRefused(
      ledger,
      () => prepare(ledger, bankClerk, 'financing:Offer', hash, withTerms()),
      ErrorCodes.InvalidArgument,
    );
    await expectRefused(ledger, () => prepareOffer(bankClerk, { transient: {} }), ErrorCodes.InvalidArgument);
    const disburse = { financingId: applied.id, paymentReference: 'P-1', registrationJson: '' };
    await expectRefused(
      ledger,
      () => prepare(ledger, bankClerk, 'financing:Disburse', disburse, withTerms()),
      ErrorCodes.InvalidArgument,
    );
  });

  it('refuses another bank’s user preparing an offer on bank A’s financing', async () => {
    await expectRefused(
      ledger,
      () => prepareOffer(person('bankB', 'approver', 'bankb-approver')),
      ErrorCodes.Forbidden,
    );
  });

  it('offers the prepared terms when another approver approves, and drops the kept copy', async () => {
    const prepared = await prepareOffer();
    const approved = await approveOffer(prepared);
    expect(approved).toMatchObject({ status: 'APPROVED', resultId: applied.id });
    const financing = storedFinancing();
    expect(financing).toMatchObject({ status: 'OFFERED', offerValidUntil: WORKED_TERMS.validUntil });
    const bankCopy = ledger.privateState.get(orgCollection(MSP.bankA))?.get(applied.id);
    const terms = parse<OfferTerms>(Buffer.from(bankCopy ?? []).toString('utf8'));
    expect(terms).toMatchObject({
      advanceRateBps: WORKED_TERMS.advanceRateBps,
      spreadBps: WORKED_TERMS.spreadBps,
      fees: WORKED_TERMS.fees,
      validUntil: WORKED_TERMS.validUntil,
      salt: WORKED_TERMS.salt,
    });
    expect(ledger.privateState.get(orgCollection(MSP.supplier))?.get(applied.id)).toEqual(bankCopy);
    expect(kept(prepared)).toBeUndefined();
  });

  it('refuses terms other than the prepared ones, or none, leaving it pending and the terms kept', async () => {
    const prepared = await prepareOffer();
    await expectRefused(
      ledger,
      () => approveOffer(prepared, bankApprover, withTerms({ spreadBps: 40 })),
      ErrorCodes.InvalidArgument,
    );
    await expectRefused(
      ledger,
      () => approveOffer(prepared, bankApprover, withTerms({ salt: 'f'.repeat(32) })),
      ErrorCodes.InvalidArgument,
    );
    await expectRefused(ledger, () => approveOffer(prepared, bankApprover, {}), ErrorCodes.InvalidArgument);
    expect(storedApproval(prepared.id).status).toBe('PENDING');
    expect(storedFinancing().status).toBe('APPLIED');
    expect(kept(prepared)).toBeDefined();
  });

  it('refuses its preparer approving (FOUR_EYES_SAME_IDENTITY) and a clerk approving', async () => {
    const prepared = await prepareOffer(bankApprover);
    await expectRefused(ledger, () => approveOffer(prepared, bankApprover), ErrorCodes.FourEyesSameIdentity);
    await expectRefused(
      ledger,
      () => approveOffer(prepared, person('bankA', 'clerk', 'banka-clerk-2')),
      ErrorCodes.Forbidden,
    );
    expect((await approveOffer(prepared, bankApprover2)).status).toBe('APPROVED');
  });

  it('drops the kept terms when rejected or withdrawn', async () => {
    const rejected = await prepareOffer();
    await ledger.submit(bankApprover, (ctx) => approvals.Reject(ctx, rejected.id, 'spread too thin'));
    expect(kept(rejected)).toBeUndefined();
    const withdrawn = await prepareOffer();
    await ledger.submit(bankClerk, (ctx) => approvals.Withdraw(ctx, withdrawn.id));
    expect(kept(withdrawn)).toBeUndefined();
    expect(storedApproval(withdrawn.id).status).toBe('WITHDRAWN');
  });
});

describe('ApprovalContract.GetTerms', () => {
  it('gives the prepared terms to the bank’s own users on the bank’s peer', async () => {
    const prepared = await prepareOffer();
    expect(await readTerms(bankApprover, prepared.id)).toBe(canonical());
    expect(await readTerms(bankClerk, prepared.id)).toBe(canonical());
  });

  it('refuses another bank, the applicant SME and the core enterprise', async () => {
    const prepared = await prepareOffer();
    for (const name of ['bankB', 'tier1', 'core'] as const) {
      await expect(readTerms(userOf(name, 'approver'), prepared.id)).rejects.toMatchObject({
        code: ErrorCodes.Forbidden,
      });
    }
  });

  it('refuses a bank user on another org’s peer, which holds no copy', async () => {
    const prepared = await prepareOffer();
    await expect(readTerms(bankApprover, prepared.id, MSP.supplier)).rejects.toMatchObject({
      code: ErrorCodes.Forbidden,
    });
  });

  it('finds nothing once the offer is approved, and refuses an approval with no private terms', async () => {
    const prepared = await prepareOffer();
    await approveOffer(prepared);
    await expect(readTerms(bankApprover, prepared.id)).rejects.toMatchObject({ code: ErrorCodes.NotFound });
    const disburse = { financingId: applied.id, paymentReference: 'P-1', registrationJson: '' };
    const other = await prepare(ledger, bankClerk, 'financing:Disburse', disburse);
    await expect(readTerms(bankApprover, other.id)).rejects.toMatchObject({
      code: ErrorCodes.InvalidArgument,
    });
  });
});
