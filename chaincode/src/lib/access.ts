import type { Context } from 'fabric-contract-api';
import {
  ContractError,
  type Enterprise,
  type EnterpriseKind,
  ErrorCodes,
  ObjectTypes,
  forbidden,
} from '@scf/ledger-contract';
import { memberOf, requireCharter } from '../repositories/charters';
import { Attributes } from './caller';
import { findRecord } from './store';

export const Roles = ['clerk', 'approver', 'admin'] as const;
export type Role = (typeof Roles)[number];

/** Roles that may move money or commit the enterprise; a clerk only prepares. */
export const APPROVERS: readonly Role[] = ['approver', 'admin'];
export const ANY_ROLE: readonly Role[] = Roles;

/** The caller, resolved to the registered enterprise it acts for. */
export interface Actor {
  mspId: string;
  role: Role;
  enterprise: Enterprise;
}

/**
 * The charter in force must still let the enterprise's hosting org host its kind: an org removed
 * from the charter (or no longer allowed that kind) keeps its enterprises on the ledger, but they
 * can no longer write.
 */
export async function requireChartered(ctx: Context, enterprise: Enterprise): Promise<void> {
  const member = memberOf(await requireCharter(ctx), enterprise.hostMsp);
  if (!member) {
    throw forbidden(
      `${enterprise.hostMsp}, host of ${enterprise.id}, is not a member of the consortium charter`,
    );
  }
  if (!member.kinds.includes(enterprise.kind)) {
    throw forbidden(`the charter no longer lets ${enterprise.hostMsp} host ${enterprise.kind} enterprises`);
  }
}

/**
 * Resolves and checks the caller on every transaction: its certificate names an enterprise and a
 * role, the enterprise is registered, active, hosted by the caller's own MSP, and chartered.
 */
export async function requireActor(
  ctx: Context,
  rule: { roles: readonly Role[]; kinds?: readonly EnterpriseKind[] },
): Promise<Actor> {
  const identity = ctx.clientIdentity;
  const mspId = identity.getMSPID();
  const enterpriseId = identity.getAttributeValue(Attributes.enterpriseId);
  const role = identity.getAttributeValue(Attributes.role);
  if (!enterpriseId || !role) throw forbidden('the caller certificate has no scf.enterpriseId / scf.role');
  if (!(Roles as readonly string[]).includes(role)) throw forbidden(`unknown role ${role}`);
  const enterprise = await findRecord<Enterprise>(ctx, ObjectTypes.Enterprise, enterpriseId);
  if (!enterprise) throw forbidden(`enterprise ${enterpriseId} of the caller is not registered`);
  if (enterprise.hostMsp !== mspId) throw forbidden(`enterprise ${enterpriseId} is not hosted by ${mspId}`);
  if (enterprise.status !== 'ACTIVE') throw forbidden(`enterprise ${enterpriseId} is ${enterprise.status}`);
  await requireChartered(ctx, enterprise);
  if (!rule.roles.includes(role as Role)) {
    throw forbidden(`role ${role} may not do this; it needs ${rule.roles.join(' or ')}`);
  }
  if (rule.kinds && !rule.kinds.includes(enterprise.kind)) {
    throw forbidden(`a ${enterprise.kind} enterprise may not do this; it needs ${rule.kinds.join(' or ')}`);
  }
  return { mspId, role: role as Role, enterprise };
}

/** The actor must be the party named, acting for it (not for another enterprise). */
export function requireParty(actor: Actor, enterpriseId: string, what: string): void {
  if (actor.enterprise.id !== enterpriseId) {
    throw forbidden(`only ${enterpriseId} may ${what}; the caller acts for ${actor.enterprise.id}`);
  }
}

/** Loads an enterprise other than the caller's; it must exist, be active and of the expected kind. */
export async function requireEnterprise(
  ctx: Context,
  id: string,
  kinds: readonly EnterpriseKind[],
  field: string,
): Promise<Enterprise> {
  const enterprise = await findRecord<Enterprise>(ctx, ObjectTypes.Enterprise, id);
  if (!enterprise)
    throw new ContractError(ErrorCodes.NotFound, `${field} ${id} is not a registered enterprise`);
  if (enterprise.status !== 'ACTIVE')
    throw new ContractError(ErrorCodes.InvalidState, `${field} ${id} is ${enterprise.status}`);
  if (!kinds.includes(enterprise.kind)) {
    throw new ContractError(
      ErrorCodes.InvalidArgument,
      `${field} ${id} is a ${enterprise.kind}, not ${kinds.join(' or ')}`,
    );
  }
  return enterprise;
}
