import type { User } from '../db/generated/client.ts';
import { ROLES, type EnterpriseKind, type Role, type SessionUser } from './session-user.ts';

/**
 * Every enterprise kind, as a record so that the compiler flags a kind the chaincode adds (the chaincode
 * package is imported for its types only, so its value list is not at hand).
 */
const KINDS: Record<EnterpriseKind, true> = {
  CORE: true,
  SUPPLIER: true,
  BANK: true,
  LOGISTICS: true,
  AUDITOR: true,
};

export function isEnterpriseKind(value: string): value is EnterpriseKind {
  return Object.hasOwn(KINDS, value);
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The public face of a stored user; a row with a role or kind this code does not know is corrupt. */
export function toSessionUser(
  row: Pick<User, 'id' | 'username' | 'displayName' | 'role' | 'enterpriseId' | 'enterpriseKind'>,
): SessionUser {
  const { role, enterpriseKind } = row;
  if (!isRole(role) || !isEnterpriseKind(enterpriseKind)) {
    throw new Error(`user ${row.id} has an unknown role ${role} or enterprise kind ${enterpriseKind}`);
  }
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role,
    enterpriseId: row.enterpriseId,
    enterpriseKind,
  };
}
