import type { EnterpriseKind, SessionUser } from '../../src/auth/session-user.ts';
import type { Database } from '../../src/db/client.ts';
import type { Prisma } from '../../src/db/generated/client.ts';

/** A calendar day as the read model stores it (@db.Date: midnight UTC). */
export const day = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

let written = 0;

/** The columns every ledger row carries; `at` is when it was written (defaults to a fixed instant). */
export function proof(at = '2026-03-01T02:00:00.000Z'): {
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
  txId: string;
  blockNumber: bigint;
} {
  written += 1;
  return {
    createdAt: new Date(at),
    updatedAt: new Date(at),
    updatedBy: 'X/approver@Org1MSP',
    txId: `tx${String(written)}`.padEnd(64, '0'),
    blockNumber: BigInt(written),
  };
}

/** The cast most tests use: a core buyer, two tiers of suppliers, two banks, a carrier, one bystander. */
export const E = {
  core: 'E-CORE',
  tier1: 'E-TIER1',
  tier2: 'E-TIER2',
  bankA: 'E-BANKA',
  bankB: 'E-BANKB',
  carrier: 'E-CARRIER',
  otherCore: 'E-OTHERCORE',
} as const;

const KIND: Record<keyof typeof E, EnterpriseKind> = {
  core: 'CORE',
  tier1: 'SUPPLIER',
  tier2: 'SUPPLIER',
  bankA: 'BANK',
  bankB: 'BANK',
  carrier: 'LOGISTICS',
  otherCore: 'CORE',
};

const NAME: Record<keyof typeof E, string> = {
  core: 'Great Wall Motors',
  tier1: 'Tier-1 Gearbox Co',
  tier2: 'Tier-2 Bearings 50%_Off Ltd',
  bankA: 'Bank of Alpha',
  bankB: 'Bank of Beta',
  carrier: 'Swift Logistics',
  otherCore: 'Other Core Group',
};

/** A logged-in user of one enterprise of the cast. */
export function userOf(who: keyof typeof E, role: SessionUser['role'] = 'approver'): SessionUser {
  return {
    id: `user-${who}`,
    username: who.toLowerCase(),
    displayName: who,
    role,
    enterpriseId: E[who],
    enterpriseKind: KIND[who],
  };
}

/** Registers the cast. */
export async function seedEnterprises(db: Database): Promise<void> {
  await db.enterprise.createMany({
    data: (Object.keys(E) as (keyof typeof E)[]).map((who) => ({
      id: E[who],
      name: NAME[who],
      kind: KIND[who],
      hostMsp: KIND[who] === 'BANK' ? 'BankMSP' : 'Org1MSP',
      status: 'ACTIVE',
      ...proof(),
    })),
  });
}

type Row<T> = Omit<T, 'createdAt' | 'updatedAt' | 'updatedBy' | 'txId' | 'blockNumber'>;

export function invoice(
  fields: Pick<Prisma.InvoiceCreateManyInput, 'id' | 'sellerId' | 'buyerId'> &
    Partial<Row<Prisma.InvoiceCreateManyInput>>,
  at?: string,
): Prisma.InvoiceCreateManyInput {
  return {
    number: `INV-${fields.id}`,
    amount: 100_000n,
    paidAmount: 0n,
    currency: 'CNY',
    issueDate: day('2026-03-01'),
    dueDate: day('2026-06-01'),
    documentHash: 'd'.repeat(64),
    status: 'REGISTERED',
    ...fields,
    ...proof(at),
  };
}

export function voucher(
  fields: Pick<Prisma.VoucherCreateManyInput, 'id' | 'debtorId' | 'holderId'> &
    Partial<Row<Prisma.VoucherCreateManyInput>>,
  at?: string,
): Prisma.VoucherCreateManyInput {
  return {
    amount: 100_000n,
    currency: 'CNY',
    maturityDate: day('2026-09-01'),
    rootId: fields.id,
    tier: 0,
    status: 'ACTIVE',
    invoiceId: 'INV-NONE',
    ...fields,
    ...proof(at),
  };
}

export function financing(
  fields: Pick<Prisma.FinancingCreateManyInput, 'id' | 'voucherId' | 'applicantId' | 'bankId' | 'debtorId'> &
    Partial<Row<Prisma.FinancingCreateManyInput>>,
  at?: string,
): Prisma.FinancingCreateManyInput {
  return {
    amount: 100_000n,
    maturityDate: day('2026-09-01'),
    status: 'APPLIED',
    ...fields,
    ...proof(at),
  };
}

/** Terms as the projector stores them: financed 90%, the rest made up but consistent. */
export function terms(financingId: string, faceAmount: bigint): Prisma.OfferTermsCreateManyInput {
  const financedAmount = (faceAmount * 9n) / 10n;
  return {
    financingId,
    faceAmount,
    advanceRateBps: 9000,
    financedAmount,
    lprTenor: '1Y',
    lprBps: 310,
    spreadBps: 90,
    annualRateBps: 400,
    days: 90,
    discountInterest: 900n,
    fees: 100n,
    netProceeds: financedAmount - 1000n,
    validUntil: day('2026-04-01'),
    termsHash: 'e'.repeat(64),
    fetchedAt: new Date('2026-03-02T00:00:00.000Z'),
  };
}

export function shipment(
  fields: Pick<Prisma.ShipmentCreateManyInput, 'id' | 'invoiceId' | 'logisticsId'> &
    Partial<Row<Prisma.ShipmentCreateManyInput>>,
): Prisma.ShipmentCreateManyInput {
  return {
    waybillNumber: `WB-${fields.id}`,
    origin: 'Shanghai',
    destination: 'Baoding',
    documentHash: 'f'.repeat(64),
    status: 'PICKED_UP',
    pickedUpAt: new Date('2026-03-02T01:00:00.000Z'),
    ...fields,
    ...proof(),
  };
}

export function creditLine(
  bankId: string,
  debtorId: string,
  limit: bigint,
  used: bigint,
  fields: Partial<Row<Prisma.CreditLineCreateManyInput>> = {},
): Prisma.CreditLineCreateManyInput {
  return {
    id: `${bankId}:${debtorId}`,
    bankId,
    debtorId,
    limit,
    used,
    expiryDate: day('2027-01-01'),
    status: 'ACTIVE',
    ...fields,
    ...proof(),
  };
}

export function rate(
  tenor: '1Y' | '5Y',
  rateBps: number,
  effectiveDate: string,
): Prisma.BenchmarkRateCreateManyInput {
  return {
    id: `${tenor}:${effectiveDate}`,
    tenor,
    rateBps,
    effectiveDate: day(effectiveDate),
    publishedBy: E.bankA,
    ...proof(),
  };
}
