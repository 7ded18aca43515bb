import { ADMIN_OU_CERT } from './certificates';
import { ENTERPRISES, type EnterpriseName } from './enterprises';
import type { TestCaller } from './memory-stub';

export type Role = 'clerk' | 'approver' | 'admin';

/** A user acting for one of the fixture enterprises. */
export function userOf(name: EnterpriseName, role: Role = 'approver'): TestCaller {
  const enterprise = ENTERPRISES[name];
  return { mspId: enterprise.msp, attrs: { 'scf.enterpriseId': enterprise.id, 'scf.role': role } };
}

/** An org admin with the scf.role=admin attribute (registers enterprises); it acts for no enterprise. */
export function orgAdmin(mspId: string): TestCaller {
  return { mspId, attrs: { 'scf.enterpriseId': 'ORG-ADMIN', 'scf.role': 'admin' } };
}

/** The org's own admin identity: a Fabric CA `admin` (certificate OU=admin) with no scf.* attributes. */
export function nodeOuAdmin(mspId: string): TestCaller {
  return { mspId, id: `x509::/OU=admin/CN=${mspId}-admin::/CN=ca`, certificate: ADMIN_OU_CERT };
}
