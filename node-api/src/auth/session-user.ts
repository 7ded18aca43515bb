import type { EnterpriseKind } from '@scf/ledger-contract';

export const ROLES = ['clerk', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export type { EnterpriseKind };

/** The logged-in user a request acts for: its role, and the enterprise it acts for. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  enterpriseId: string;
  enterpriseKind: EnterpriseKind;
}
