import { FinancingContract } from '../../src/contracts/financing-contract';
import { type Financing, type RegistrationInput, receivableOf } from '@scf/ledger-contract';
import { userOf } from './callers';
import { grantLine } from './credit-lines';
import { ENTERPRISES, type EnterpriseName } from './enterprises';
import type { MemoryLedger } from './memory-stub';
import { parse } from './parse';
import { LPR_1Y, publishRate } from './rates';
import { registerEnterprises } from './registration';

export const financings = new FinancingContract();

/**
 * The financing world: every consortium enterprise, the 1Y LPR, and credit lines for the core
 * enterprise at both banks (unless `lines` or `rate` say otherwise).
 */
export async function setupFinance(
  ledger: MemoryLedger,
  options: { rate?: boolean; lines?: EnterpriseName[] } = {},
): Promise<void> {
  await registerEnterprises(ledger);
  if (options.rate ?? true) await publishRate(ledger, '1Y', LPR_1Y.rateBps, LPR_1Y.effectiveDate);
  for (const bank of options.lines ?? ['bankA', 'bankB']) await grantLine(ledger, bank);
}

export interface TermsJson {
  advanceRateBps: unknown;
  spreadBps: unknown;
  fees: unknown;
  validUntil: unknown;
  recourse: unknown;
  salt: unknown;
}

/** The bank client's secret salt in the fixtures' offers (128 bits in lower-case hex). */
export const OFFER_SALT = '5f0c1e7a9b3d4c2e8f6a0b1c2d3e4f50';

/** The worked example's terms: 90% advance, LPR + 90 bps, 50 yuan fees, valid ten days. */
export const WORKED_TERMS: TermsJson = {
  advanceRateBps: 9000,
  spreadBps: 90,
  fees: '5000',
  validUntil: '2026-01-15',
  recourse: false,
  salt: OFFER_SALT,
};

/** Transaction options that carry offer terms in the transient map. */
export function withTerms(terms: Partial<TermsJson> = {}): { transient: Record<string, string> } {
  return { transient: { terms: JSON.stringify({ ...WORKED_TERMS, ...terms }) } };
}

/** The financing's bank, by fixture name. */
function bankOf(financing: Financing): 'bankA' | 'bankB' {
  return financing.bankId === ENTERPRISES.bankA.id ? 'bankA' : 'bankB';
}

export async function apply(
  ledger: MemoryLedger,
  voucherId: string,
  bank: EnterpriseName = 'bankA',
  applicant: EnterpriseName = 'tier1',
): Promise<Financing> {
  return parse<Financing>(
    await ledger.submit(userOf(applicant, 'clerk'), (ctx) =>
      financings.Apply(ctx, voucherId, ENTERPRISES[bank].id),
    ),
  );
}

export async function offer(
  ledger: MemoryLedger,
  financing: Financing,
  terms: Partial<TermsJson> = {},
): Promise<Financing> {
  return parse<Financing>(
    await ledger.submit(
      userOf(bankOf(financing), 'approver'),
      (ctx) => financings.Offer(ctx, financing.id),
      withTerms(terms),
    ),
  );
}

export async function accept(ledger: MemoryLedger, financing: Financing): Promise<Financing> {
  return parse<Financing>(
    await ledger.submit(userOf('tier1', 'approver'), (ctx) => financings.Accept(ctx, financing.id)),
  );
}

/** The registry's time in the fixtures: the morning the ledger's clock starts at. */
export const REGISTERED_AT = '2026-01-05T01:59:30.000Z';

/**
 * What the bank's node passes to Disburse after it searched the registry (finding nothing) and
 * registered the financing's receivable as its bank.
 */
export function registrationFor(
  financing: Financing,
  changes: Partial<RegistrationInput> = {},
): RegistrationInput {
  return {
    receivable: receivableOf(financing),
    registration: {
      registrationNumber: '2026010500000001',
      registeredAt: REGISTERED_AT,
      registrantId: financing.bankId,
    },
    search: { searchedAt: '2026-01-05T01:59:00.000Z', entries: [] },
    ...changes,
  };
}

export async function disburse(ledger: MemoryLedger, financing: Financing): Promise<Financing> {
  return parse<Financing>(
    await ledger.submit(userOf(bankOf(financing), 'approver'), (ctx) =>
      financings.Disburse(ctx, financing.id, 'PAY-0001', JSON.stringify(registrationFor(financing))),
    ),
  );
}

/** A financing of a voucher (a warehouse receipt's has none). */
export type VoucherFinancing = Financing & { voucherId: string };

/** Applies at a bank and takes the financing through offer and acceptance to disbursement. */
export async function financeVoucher(
  ledger: MemoryLedger,
  voucherId: string,
  bank: EnterpriseName = 'bankA',
  terms: Partial<TermsJson> = {},
): Promise<VoucherFinancing> {
  const applied = await apply(ledger, voucherId, bank);
  const offered = await offer(ledger, applied, terms);
  await accept(ledger, offered);
  return { ...(await disburse(ledger, offered)), voucherId };
}
