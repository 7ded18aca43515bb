import { createHash } from 'node:crypto';
import { KeyEndorsementPolicy } from 'fabric-shim';
import { expect } from 'vitest';
import { CreditLineContract } from '../../src/contracts/credit-line-contract';
import { EnterpriseContract } from '../../src/contracts/enterprise-contract';
import { FinancingContract } from '../../src/contracts/financing-contract';
import { RateContract } from '../../src/contracts/rate-contract';
import {
  type BenchmarkRate,
  type CreditLine,
  type ErrorCode,
  type EventPayload,
  type Fen,
  type Financing,
  type IsoDate,
  type LedgerRecord,
  type ObjectType,
  ObjectTypes,
  type Voucher,
  type VoucherStatus,
} from '@scf/ledger-contract';
import { txTime } from '../../src/lib/dates';
import { getRecord } from '../../src/lib/store';
import { saveCreditLine } from '../../src/repositories/credit-lines';
import { saveVoucher } from '../../src/repositories/vouchers';
import {
  creditCode,
  ENTERPRISES,
  MSP,
  orgAdmin,
  registerEnterprises,
  userOf,
  type EnterpriseName,
} from './fixtures';
import type { MemoryLedger } from './memory-stub';

export const creditLines = new CreditLineContract();
export const rates = new RateContract();
export const financings = new FinancingContract();

export const parse = <T>(text: string): T => JSON.parse(text) as T;

/** The MemoryLedger's clock starts at 2026-01-05 10:00 in China: that is the business date. */
export const TODAY = '2026-01-05';
export const START_TIME = '2026-01-05T02:00:00.000Z';
/** Ninety days after TODAY. */
export const MATURITY = '2026-04-05';
/** The one-year LPR the fixtures publish, in force from before TODAY. */
export const LPR_1Y = { rateBps: 310, effectiveDate: '2025-12-22' } as const;
export const LINE_LIMIT = '1000000000';
export const LINE_EXPIRY = '2026-12-31';
/** A second core enterprise, hosted by the core firm's org, that owes none of the fixture vouchers. */
export const OTHER_CORE = { id: creditCode('91350200MA0000011'), name: 'Other Core' } as const;

/** 10:00 in China on a business date. */
export function morningOf(date: IsoDate): string {
  return `${date}T02:00:00.000Z`;
}

/** Moves the ledger's clock to 10:00 (China) on a business date. */
export function setBusinessDate(ledger: MemoryLedger, date: IsoDate): void {
  ledger.setTime(morningOf(date));
}

/** A 64-hex invoice id, as an invoice's fingerprint would be. */
export function invoiceIdOf(label: string): string {
  return createHash('sha256').update(label).digest('hex');
}

export function lineIdOf(bank: EnterpriseName, debtorId: string = ENTERPRISES.core.id): string {
  return `${ENTERPRISES[bank].id}:${debtorId}`;
}

export interface VoucherSeed {
  label?: string;
  holder?: EnterpriseName;
  amount?: Fen;
  maturityDate?: IsoDate;
  status?: VoucherStatus;
}

/** Seeds a root voucher of the core enterprise directly (the invoice contract is not needed). */
export async function seedVoucher(ledger: MemoryLedger, seed: VoucherSeed = {}): Promise<Voucher> {
  const id = invoiceIdOf(seed.label ?? 'invoice-1');
  const holder = ENTERPRISES[seed.holder ?? 'tier1'];
  return ledger.submit(userOf('core', 'admin'), async (ctx) => {
    const now = txTime(ctx);
    const voucher: Voucher = {
      docType: ObjectTypes.Voucher,
      id,
      debtorId: ENTERPRISES.core.id,
      holderId: holder.id,
      amount: seed.amount ?? '100000000',
      currency: 'CNY',
      maturityDate: seed.maturityDate ?? MATURITY,
      rootId: id,
      tier: 0,
      status: seed.status ?? 'ACTIVE',
      invoiceId: id,
      childIds: [],
      createdAt: now,
      updatedAt: '',
      txId: '',
      updatedBy: '',
    };
    return saveVoucher(ctx, voucher, now, { holderMsp: holder.msp, debtorMsp: MSP.core });
  });
}

/** Overwrites a stored voucher (to build states the contracts under test would never produce). */
export async function patchVoucher(
  ledger: MemoryLedger,
  id: string,
  changes: Partial<Voucher>,
): Promise<void> {
  await ledger.submit(userOf('core', 'admin'), async (ctx) => {
    const voucher = await getRecord<Voucher>(ctx, ObjectTypes.Voucher, id);
    const owners = { holderMsp: MSP.supplier, debtorMsp: MSP.core };
    await saveVoucher(ctx, { ...voucher, ...changes }, txTime(ctx), owners, voucher);
  });
}

/** Overwrites what a credit line has in use. */
export async function setUsed(ledger: MemoryLedger, lineId: string, used: Fen): Promise<void> {
  await ledger.submit(userOf('bankA', 'admin'), async (ctx) => {
    const line = await getRecord<CreditLine>(ctx, ObjectTypes.CreditLine, lineId);
    await saveCreditLine(ctx, { ...line, used }, txTime(ctx), line);
  });
}

/**
 * Publishes a rate as the default charter needs it: attested by both banks' admins, `bank` last,
 * so that its attestation completes the quorum and it is the publisher.
 */
export async function publishRate(
  ledger: MemoryLedger,
  tenor: string,
  rateBps: number,
  effectiveDate: IsoDate,
  bank: 'bankA' | 'bankB' = 'bankA',
): Promise<BenchmarkRate> {
  const attest = (attester: 'bankA' | 'bankB'): Promise<string> =>
    ledger.submit(userOf(attester, 'admin'), (ctx) =>
      rates.Publish(ctx, tenor, String(rateBps), effectiveDate),
    );
  await attest(bank === 'bankA' ? 'bankB' : 'bankA');
  return parse<BenchmarkRate>(await attest(bank));
}

export async function grantLine(
  ledger: MemoryLedger,
  bank: EnterpriseName,
  limit: Fen = LINE_LIMIT,
  expiryDate: IsoDate = LINE_EXPIRY,
): Promise<CreditLine> {
  return parse<CreditLine>(
    await ledger.submit(userOf(bank, 'approver'), (ctx) =>
      creditLines.Grant(ctx, ENTERPRISES.core.id, limit, expiryDate),
    ),
  );
}

export async function registerOtherCore(ledger: MemoryLedger): Promise<void> {
  await ledger.submit(orgAdmin(MSP.core), (ctx) =>
    new EnterpriseContract().Register(ctx, OTHER_CORE.id, OTHER_CORE.name, 'CORE'),
  );
}

export async function suspend(ledger: MemoryLedger, name: EnterpriseName): Promise<void> {
  const enterprise = ENTERPRISES[name];
  await ledger.submit(orgAdmin(enterprise.msp), (ctx) =>
    new EnterpriseContract().SetStatus(ctx, enterprise.id, 'SUSPENDED'),
  );
}

/**
 * The financing world: every fixture enterprise, the 1Y LPR, and credit lines for the core
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
  salt: OFFER_SALT,
};

/** Transaction options that carry offer terms in the transient map. */
export function withTerms(terms: Partial<TermsJson> = {}): { transient: Record<string, string> } {
  return { transient: { terms: JSON.stringify({ ...WORKED_TERMS, ...terms }) } };
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
  const bank = financing.bankId === ENTERPRISES.bankA.id ? 'bankA' : 'bankB';
  return parse<Financing>(
    await ledger.submit(
      userOf(bank, 'approver'),
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

export async function disburse(ledger: MemoryLedger, financing: Financing): Promise<Financing> {
  const bank = financing.bankId === ENTERPRISES.bankA.id ? 'bankA' : 'bankB';
  return parse<Financing>(
    await ledger.submit(userOf(bank, 'approver'), (ctx) =>
      financings.Disburse(ctx, financing.id, 'PAY-0001'),
    ),
  );
}

/** Applies at a bank and takes the financing through offer and acceptance to disbursement. */
export async function financeVoucher(
  ledger: MemoryLedger,
  voucherId: string,
  bank: EnterpriseName = 'bankA',
  terms: Partial<TermsJson> = {},
): Promise<Financing> {
  const applied = await apply(ledger, voucherId, bank);
  const offered = await offer(ledger, applied, terms);
  await accept(ledger, offered);
  return disburse(ledger, offered);
}

/** Reads a record as committed, outside any contract. */
export async function stored<T extends LedgerRecord>(
  ledger: MemoryLedger,
  type: ObjectType,
  id: string,
): Promise<T> {
  return ledger.evaluate(userOf('core', 'clerk'), (ctx) => getRecord<T>(ctx, type, id));
}

/** The orgs a key's endorsement policy names, or [] when the key has none. */
export function endorsersOf(ledger: MemoryLedger, type: ObjectType, id: string): string[] {
  const policy = ledger.validationParameters.get(`\u0000${type}\u0000${id}\u0000`);
  return policy ? new KeyEndorsementPolicy(policy).listOrgs().sort() : [];
}

/** Whether an index entry `index → values..., id` is committed. */
export function hasIndex(ledger: MemoryLedger, index: string, values: string[], id: string): boolean {
  return ledger.state.has(`\u0000${index}\u0000${[...values, id].map((part) => `${part}\u0000`).join('')}`);
}

/** The last committed event, with the records it carries. */
export function lastEvent(ledger: MemoryLedger): { name: string; records: LedgerRecord[] } {
  const event = ledger.events[ledger.events.length - 1];
  if (!event) throw new Error('no event was emitted');
  return { name: event.name, records: parse<EventPayload>(event.payload).records };
}

/** Everything a transaction could change, copied so later writes cannot alter it. */
export function snapshot(ledger: MemoryLedger): unknown {
  const hex = (map: Map<string, Uint8Array>): Record<string, string> =>
    Object.fromEntries([...map].map(([key, value]) => [key, Buffer.from(value).toString('hex')]));
  return {
    state: hex(ledger.state),
    privateState: Object.fromEntries([...ledger.privateState].map(([name, map]) => [name, hex(map)])),
    validationParameters: hex(ledger.validationParameters),
    events: ledger.events.map((event) => ({ ...event })),
  };
}

/** The transaction is refused with `code` and leaves state, private state, policies and events as they were. */
export async function expectRefused(
  ledger: MemoryLedger,
  run: () => Promise<unknown>,
  code: ErrorCode,
): Promise<void> {
  const before = snapshot(ledger);
  await expect(run()).rejects.toMatchObject({ code });
  expect(snapshot(ledger)).toEqual(before);
}
