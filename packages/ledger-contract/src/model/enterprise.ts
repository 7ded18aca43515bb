import type { LedgerRecord } from './record.ts';

export const EnterpriseKinds = ['CORE', 'SUPPLIER', 'BANK', 'LOGISTICS', 'AUDITOR'] as const;
export type EnterpriseKind = (typeof EnterpriseKinds)[number];

export const EnterpriseStatuses = ['ACTIVE', 'SUSPENDED'] as const;
export type EnterpriseStatus = (typeof EnterpriseStatuses)[number];

/** A legal entity, identified by its unified social credit code, hosted by one member org. */
export interface Enterprise extends LedgerRecord {
  docType: 'enterprise';
  name: string;
  kind: EnterpriseKind;
  hostMsp: string;
  status: EnterpriseStatus;
  /** Money-moving actions need two identities: one prepares, another approves (absent: off). */
  fourEyes?: boolean;
}
