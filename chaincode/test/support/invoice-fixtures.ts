import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { KeyEndorsementPolicy } from 'fabric-shim';
import { EnterpriseContract } from '../../src/contracts/enterprise-contract';
import { InvoiceContract } from '../../src/contracts/invoice-contract';
import { ShipmentContract } from '../../src/contracts/shipment-contract';
import type { Invoice, Shipment } from '@scf/ledger-contract';
import { creditCode, MSP, orgAdmin, registerEnterprises, userOf } from './fixtures';
import type { MemoryLedger, TestCaller } from './memory-stub';

export const parse = <T>(text: string): T => JSON.parse(text) as T;

/** A document digest as clients send it: SHA-256 in lower-case hex. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Fabric's composite key layout, spelled out so tests do not reuse the code under test. */
export function key(type: string, ...attributes: string[]): string {
  return `\u0000${type}\u0000${attributes.map((part) => `${part}\u0000`).join('')}`;
}

/** Enterprises beyond the shared fixtures: a second core enterprise and a second carrier. */
export const EXTRA = {
  otherCore: { id: creditCode('91350200MA0000011'), kind: 'CORE', msp: MSP.core, name: 'Other Core' },
  otherCarrier: {
    id: creditCode('91350200MA0000012'),
    kind: 'LOGISTICS',
    msp: MSP.logistics,
    name: 'Other Carrier',
  },
} as const;

export function extraUser(name: keyof typeof EXTRA, role: 'clerk' | 'approver' | 'admin'): TestCaller {
  const enterprise = EXTRA[name];
  return { mspId: enterprise.msp, attrs: { 'scf.enterpriseId': enterprise.id, 'scf.role': role } };
}

/** A ledger with the shared fixture enterprises and the extra ones registered. */
export async function consortium(ledger: MemoryLedger): Promise<void> {
  await registerEnterprises(ledger);
  const contract = new EnterpriseContract();
  for (const enterprise of Object.values(EXTRA)) {
    await ledger.submit(orgAdmin(enterprise.msp), (ctx) =>
      contract.Register(ctx, enterprise.id, enterprise.name, enterprise.kind),
    );
  }
}

/** Register's arguments in order; the default ledger date is 2026-01-05 in China. */
export interface InvoiceArgs {
  number: string;
  buyerId: string;
  amount: string;
  issueDate: string;
  dueDate: string;
  documentHash: string;
  purchaseOrderNumber: string;
}

export function invoiceArgs(buyerId: string, overrides: Partial<InvoiceArgs> = {}): InvoiceArgs {
  return {
    number: 'INV-2026/0001',
    buyerId,
    amount: '123456789',
    issueDate: '2026-01-04',
    dueDate: '2026-04-30',
    documentHash: sha256('invoice INV-2026/0001'),
    purchaseOrderNumber: 'PO_77',
    ...overrides,
  };
}

export function register(ledger: MemoryLedger, caller: TestCaller, args: InvoiceArgs): Promise<string> {
  const contract = new InvoiceContract();
  return ledger.submit(caller, (ctx) =>
    contract.Register(
      ctx,
      args.number,
      args.buyerId,
      args.amount,
      args.issueDate,
      args.dueDate,
      args.documentHash,
      args.purchaseOrderNumber,
    ),
  );
}

/** Registers an invoice from tier-1 (a clerk) to `buyerId`. */
export async function registerInvoice(
  ledger: MemoryLedger,
  buyerId: string,
  overrides: Partial<InvoiceArgs> = {},
): Promise<Invoice> {
  return parse<Invoice>(await register(ledger, userOf('tier1', 'clerk'), invoiceArgs(buyerId, overrides)));
}

/** The carrier picks up the invoice's goods under `waybill`. */
export async function pickUp(
  ledger: MemoryLedger,
  invoiceId: string,
  waybill = 'WB-0001',
  carrier: TestCaller = userOf('carrier', 'clerk'),
): Promise<Shipment> {
  const contract = new ShipmentContract();
  return parse<Shipment>(
    await ledger.submit(carrier, (ctx) =>
      contract.RecordPickup(ctx, invoiceId, waybill, 'Ningbo', 'Qingdao', sha256(`pickup ${waybill}`)),
    ),
  );
}

/** The carrier picks up and then delivers the invoice's goods. */
export async function shipAndDeliver(
  ledger: MemoryLedger,
  invoiceId: string,
  waybill = 'WB-0001',
): Promise<Shipment> {
  const shipment = await pickUp(ledger, invoiceId, waybill);
  const contract = new ShipmentContract();
  return parse<Shipment>(
    await ledger.submit(userOf('carrier', 'clerk'), (ctx) =>
      contract.ConfirmDelivery(ctx, shipment.id, sha256(`delivery ${waybill}`)),
    ),
  );
}

/** Rewrites a stored record in place, for states no transaction of this area produces. */
export function patchStored(ledger: MemoryLedger, recordKey: string, patch: Record<string, unknown>): void {
  const bytes = ledger.state.get(recordKey);
  if (!bytes) throw new Error(`no record at ${JSON.stringify(recordKey)}`);
  const record = parse<Record<string, unknown>>(Buffer.from(bytes).toString('utf8'));
  ledger.state.set(recordKey, Buffer.from(JSON.stringify({ ...record, ...patch })));
}

/** A committed record, read straight from the world state. */
export function stored<T>(ledger: MemoryLedger, recordKey: string): T {
  const bytes = ledger.state.get(recordKey);
  if (!bytes) throw new Error(`no record at ${JSON.stringify(recordKey)}`);
  return parse<T>(Buffer.from(bytes).toString('utf8'));
}

/** The MSPs a key-level endorsement policy requires, checked to be exactly what bindToOrgs writes. */
export function endorsers(ledger: MemoryLedger, recordKey: string): string[] {
  const parameter = ledger.validationParameters.get(recordKey);
  if (!parameter) return [];
  const orgs = new KeyEndorsementPolicy(parameter).listOrgs().sort();
  const expected = new KeyEndorsementPolicy();
  expected.addOrgs('PEER', ...orgs);
  expect(Buffer.from(parameter).equals(Buffer.from(expected.getPolicy()))).toBe(true);
  return orgs;
}

type Snapshot = ReturnType<typeof snapshotOf>;

function snapshotOf(ledger: MemoryLedger): {
  state: [string, string][];
  privateState: [string, [string, string][]][];
  parameters: [string, string][];
  events: string[];
} {
  const hex = (entries: Iterable<[string, Uint8Array]>): [string, string][] =>
    [...entries].map(([name, value]) => [name, Buffer.from(value).toString('hex')]);
  return {
    state: hex(ledger.state),
    privateState: [...ledger.privateState].map(([name, collection]) => [name, hex(collection)]),
    parameters: hex(ledger.validationParameters),
    events: ledger.events.map((event) => JSON.stringify(event)),
  };
}

/**
 * Runs a transaction that must be refused with `code` and asserts it changed nothing: world state,
 * private state, key-level policies and events are as before.
 */
export async function expectRefused(
  ledger: MemoryLedger,
  attempt: () => Promise<unknown>,
  code: string,
): Promise<void> {
  const before: Snapshot = snapshotOf(ledger);
  await expect(attempt()).rejects.toMatchObject({ code });
  expect(snapshotOf(ledger)).toEqual(before);
}
