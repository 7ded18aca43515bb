import { EnterpriseContract } from '../../src/contracts/enterprise-contract';
import { creditCodeCheckChar } from '../../src/lib/credit-code';
import type { EnterpriseKind } from '../../src/model/enterprise';
import type { MemoryLedger, TestCaller } from './memory-stub';

/** A valid unified social credit code built from its first 17 characters. */
export function creditCode(first17: string): string {
  return `${first17}${creditCodeCheckChar(first17)}`;
}

export const MSP = {
  core: 'CoreFirmMSP',
  supplier: 'SupplierMSP',
  bankA: 'BankAMSP',
  bankB: 'BankBMSP',
  logistics: 'LogisticsMSP',
} as const;

/** The demo consortium's enterprises: one core enterprise, two tiers of suppliers, two banks, a carrier. */
export const ENTERPRISES = {
  core: { id: creditCode('91350200MA0000001'), kind: 'CORE', msp: MSP.core, name: 'Haier-like Appliances' },
  tier1: { id: creditCode('91350200MA0000002'), kind: 'SUPPLIER', msp: MSP.supplier, name: 'Tier-1 Motors' },
  tier2: {
    id: creditCode('91350200MA0000003'),
    kind: 'SUPPLIER',
    msp: MSP.supplier,
    name: 'Tier-2 Castings',
  },
  tier3: { id: creditCode('91350200MA0000004'), kind: 'SUPPLIER', msp: MSP.supplier, name: 'Tier-3 Metals' },
  bankA: { id: creditCode('91350200MA0000005'), kind: 'BANK', msp: MSP.bankA, name: 'Bank A' },
  bankB: { id: creditCode('91350200MA0000006'), kind: 'BANK', msp: MSP.bankB, name: 'Bank B' },
  carrier: { id: creditCode('91350200MA0000007'), kind: 'LOGISTICS', msp: MSP.logistics, name: 'Carrier' },
} as const satisfies Record<string, { id: string; kind: EnterpriseKind; msp: string; name: string }>;

export type EnterpriseName = keyof typeof ENTERPRISES;

/** An org admin (registers enterprises); it acts for no particular enterprise. */
export function orgAdmin(mspId: string): TestCaller {
  return { mspId, attrs: { 'scf.enterpriseId': 'ORG-ADMIN', 'scf.role': 'admin' } };
}

/** A user acting for one of the fixture enterprises. */
export function userOf(name: EnterpriseName, role: 'clerk' | 'approver' | 'admin'): TestCaller {
  const enterprise = ENTERPRISES[name];
  return { mspId: enterprise.msp, attrs: { 'scf.enterpriseId': enterprise.id, 'scf.role': role } };
}

/** Registers every fixture enterprise, each by an admin of its own org. */
export async function registerEnterprises(ledger: MemoryLedger): Promise<void> {
  const contract = new EnterpriseContract();
  for (const enterprise of Object.values(ENTERPRISES)) {
    await ledger.submit(orgAdmin(enterprise.msp), (ctx) =>
      contract.Register(ctx, enterprise.id, enterprise.name, enterprise.kind),
    );
  }
}
