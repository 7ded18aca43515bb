import { type EnterpriseKind, creditCodeCheckChar } from '@scf/ledger-contract';

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
export const CONSORTIUM = {
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

/** Enterprises some tests register beyond the consortium. */
export const EXTRA_ENTERPRISES = {
  /** A second core enterprise, which may hold (and pass on) the first one's vouchers. */
  core2: { id: creditCode('91350200MA0000008'), kind: 'CORE', msp: MSP.core, name: 'Second Core' },
  /** A supplier hosted by the core firm's own org: its pieces are owned by a single org. */
  inHouse: { id: creditCode('91350200MA0000009'), kind: 'SUPPLIER', msp: MSP.core, name: 'In-house Parts' },
  /** A core enterprise, hosted by the core firm's org, that owes none of the fixture vouchers. */
  otherCore: { id: creditCode('91350200MA0000011'), kind: 'CORE', msp: MSP.core, name: 'Other Core' },
  otherCarrier: {
    id: creditCode('91350200MA0000012'),
    kind: 'LOGISTICS',
    msp: MSP.logistics,
    name: 'Other Carrier',
  },
} as const satisfies Record<string, { id: string; kind: EnterpriseKind; msp: string; name: string }>;

/** Every fixture enterprise: the consortium's and the extra ones. */
export const ENTERPRISES = { ...CONSORTIUM, ...EXTRA_ENTERPRISES };

export type EnterpriseName = keyof typeof ENTERPRISES;

/** A credit code no enterprise is registered under. */
export const UNREGISTERED_ID = creditCode('91350200MA0000010');

/** Every fixture enterprise's id, by name. */
export const ids = Object.fromEntries(
  Object.entries(ENTERPRISES).map(([name, enterprise]) => [name, enterprise.id]),
) as Record<EnterpriseName, string>;

/** The org hosting a fixture enterprise. */
export function mspOf(enterpriseId: string): string {
  const enterprise = Object.values(ENTERPRISES).find((candidate) => candidate.id === enterpriseId);
  if (!enterprise) throw new Error(`no fixture enterprise ${enterpriseId}`);
  return enterprise.msp;
}
