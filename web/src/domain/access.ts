import type { EnterpriseKind, UserRole } from '@/api/generated/graphql';

/** Who may do something: the enterprise kinds and user roles it needs (absent: any). */
export interface Permission {
  kinds?: readonly EnterpriseKind[];
  roles?: readonly UserRole[];
}

/** The part of the logged-in user that decides what it may do. */
export interface Actor {
  enterpriseKind: EnterpriseKind;
  role: UserRole;
}

const APPROVERS = ['APPROVER', 'ADMIN'] as const;

/**
 * Each write and who the node API lets do it (the authScopes of node-api/src/schema/mutations). The
 * portal offers an action only to those; the API and the ledger check again.
 */
export const ACTIONS = {
  registerInvoice: { kinds: ['SUPPLIER'], roles: ['CLERK', 'APPROVER'] },
  cancelInvoice: { kinds: ['SUPPLIER'] },
  confirmInvoice: { kinds: ['CORE'], roles: APPROVERS },
  rejectInvoice: { kinds: ['CORE', 'SUPPLIER'] },
  recordPickup: { kinds: ['LOGISTICS'] },
  confirmDelivery: { kinds: ['LOGISTICS'] },
  issueReceipt: { kinds: ['LOGISTICS'] },
  confirmGoodsOut: { kinds: ['LOGISTICS'] },
  pledgeReceipt: { kinds: ['SUPPLIER', 'CORE'] },
  requestReceiptRelease: { kinds: ['SUPPLIER', 'CORE'], roles: APPROVERS },
  consentReceiptRelease: { kinds: ['BANK'], roles: APPROVERS },
  recordReceiptRepayment: { kinds: ['BANK'], roles: APPROVERS },
  splitTransfer: { kinds: ['SUPPLIER', 'CORE'], roles: APPROVERS },
  acceptTransfer: { kinds: ['SUPPLIER'], roles: APPROVERS },
  declineTransfer: { kinds: ['SUPPLIER'], roles: APPROVERS },
  withdrawTransfer: { kinds: ['SUPPLIER', 'CORE'], roles: APPROVERS },
  applyFinancing: { kinds: ['SUPPLIER'] },
  requestQuotes: { kinds: ['SUPPLIER'] },
  withdrawQuoteRequest: { kinds: ['SUPPLIER'] },
  withdrawFinancing: { kinds: ['SUPPLIER', 'CORE'] },
  acceptOffer: { kinds: ['SUPPLIER', 'CORE'], roles: APPROVERS },
  declineOffer: { kinds: ['SUPPLIER', 'CORE'] },
  offerFinancing: { kinds: ['BANK'], roles: APPROVERS },
  rejectApplication: { kinds: ['BANK'] },
  disburseFinancing: { kinds: ['BANK'], roles: APPROVERS },
  payVoucher: { kinds: ['CORE'], roles: APPROVERS },
  disputeVoucher: { kinds: ['CORE'], roles: APPROVERS },
  publishEarlyPaymentOffer: { kinds: ['CORE'], roles: APPROVERS },
  closeEarlyPaymentOffer: { kinds: ['CORE'], roles: APPROVERS },
  takeEarlyPayment: { kinds: ['SUPPLIER', 'CORE'], roles: APPROVERS },
  registerCreditNote: { kinds: ['SUPPLIER'], roles: ['CLERK', 'APPROVER'] },
  withdrawCreditNote: { kinds: ['SUPPLIER'], roles: ['CLERK', 'APPROVER'] },
  acceptCreditNote: { kinds: ['CORE', 'SUPPLIER'], roles: APPROVERS },
  declineCreditNote: { kinds: ['CORE', 'SUPPLIER'], roles: APPROVERS },
  resolveDispute: { roles: APPROVERS },
  manageCreditLines: { kinds: ['BANK'], roles: APPROVERS },
  setWriteOffStages: { kinds: ['BANK'], roles: APPROVERS },
  recordWriteOff: { kinds: ['BANK'], roles: APPROVERS },
  demandBuyBack: { kinds: ['BANK'], roles: APPROVERS },
  recordBuyBack: { kinds: ['BANK'], roles: APPROVERS },
  publishRate: { kinds: ['BANK'], roles: ['ADMIN'] },
  manageUsers: { roles: ['ADMIN'] },
  manageEnterprises: { roles: ['ADMIN'] },
  amendCharter: { roles: ['ADMIN'] },
  sweepOverdue: {},
  prepareAction: { kinds: ['CORE', 'SUPPLIER', 'BANK'] },
  approveAction: { kinds: ['CORE', 'SUPPLIER', 'BANK'], roles: APPROVERS },
} as const satisfies Record<string, Permission>;

export type Action = keyof typeof ACTIONS;

/** Whether an actor (or nobody, before login) has a permission. */
export function allows(permission: Permission | undefined, actor: Actor | null): boolean {
  if (!actor) return false;
  if (!permission) return true;
  const kindOk = permission.kinds === undefined || permission.kinds.includes(actor.enterpriseKind);
  const roleOk = permission.roles === undefined || permission.roles.includes(actor.role);
  return kindOk && roleOk;
}

export function can(actor: Actor | null, action: Action): boolean {
  return allows(ACTIONS[action], actor);
}
