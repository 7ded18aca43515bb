import {
  CreditLineStatuses,
  EnterpriseKinds,
  EnterpriseStatuses,
  FinancingStatuses,
  InvoiceStatuses,
  RateTenors,
  ShipmentStatuses,
  TransferConsentStatuses,
  VoucherStatuses,
  WarehouseReceiptStatuses,
} from '@scf/ledger-contract';
import { builder } from './builder.ts';

/*
 * The chaincode's own value lists, so that a status added on the ledger is a type error here rather
 * than a value the API cannot serialize.
 */

export const EnterpriseKindEnum = builder.enumType('EnterpriseKind', { values: EnterpriseKinds });
export const EnterpriseStatusEnum = builder.enumType('EnterpriseStatus', { values: EnterpriseStatuses });
export const InvoiceStatusEnum = builder.enumType('InvoiceStatus', {
  description:
    'REGISTERED: waits for the buyer to confirm or reject it. CONFIRMED: the buyer issued a voucher.',
  values: InvoiceStatuses,
});
export const ShipmentStatusEnum = builder.enumType('ShipmentStatus', {
  description: 'PICKED_UP: in transit. DELIVERED: the logistics company confirmed delivery.',
  values: ShipmentStatuses,
});
export const WarehouseReceiptStatusEnum = builder.enumType('WarehouseReceiptStatus', {
  description:
    'ISSUED: the goods are in the warehouse, free. PLEDGED: pledged for an open financing. ' +
    'RELEASE_REQUESTED: the owner asked for its goods. RELEASED: the keeper confirmed the goods went out.',
  values: WarehouseReceiptStatuses,
});
export const VoucherStatusEnum = builder.enumType('VoucherStatus', {
  description:
    'PENDING_ACCEPTANCE: transferred, waiting for its recipient to accept it. ACTIVE: held, unpaid. ' +
    'SPLIT: replaced by its pieces. FINANCING: under a financing application. FINANCED: held by the ' +
    'bank that financed it. SETTLED: paid. OVERDUE: unpaid after maturity. RETURNED: declined by its ' +
    'recipient or withdrawn by its sender; its amount went back to the sender in another piece. ' +
    'DISPUTED: an amount its debtor disputes, frozen until its holder resolves it. WRITTEN_OFF: a ' +
    'disputed amount its holder accepted, or an amount an accepted credit note took off (dilution); ' +
    'owed no more.',
  values: VoucherStatuses,
});
export const TransferConsentStatusEnum = builder.enumType('TransferConsentStatus', {
  description:
    "PENDING: waits for the recipient's approver. ACCEPTED: the recipient took it. DECLINED: the " +
    'recipient refused it. WITHDRAWN: the sender took it back before an answer.',
  values: TransferConsentStatuses,
});
export const FinancingStatusEnum = builder.enumType('FinancingStatus', { values: FinancingStatuses });
export const CreditLineStatusEnum = builder.enumType('CreditLineStatus', { values: CreditLineStatuses });

const TENOR_NAMES = { '1Y': 'LPR_1Y', '5Y': 'LPR_5Y' } as const satisfies Record<
  (typeof RateTenors)[number],
  string
>;

export const RateTenorEnum = builder.enumType('RateTenor', {
  description: 'Loan prime rate tenors (the ledger calls them 1Y and 5Y).',
  values: Object.fromEntries(RateTenors.map((tenor) => [TENOR_NAMES[tenor], { value: tenor }])) as {
    [T in (typeof RateTenors)[number] as (typeof TENOR_NAMES)[T]]: { value: T };
  },
});

/** A status column read back as its enum member; anything else is a projection bug, not user data. */
export function member<T extends string>(values: readonly T[], value: string): T {
  const found = values.find((candidate) => candidate === value);
  if (found === undefined) throw new Error(`unexpected value ${JSON.stringify(value)} in the read model`);
  return found;
}
