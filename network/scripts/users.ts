import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NetworkContext } from './context.ts';
import { enrollIdentity, type IdentityFiles } from './identities.ts';
import { ORDERER_ADMIN } from './orderer.ts';
import { ORG_ADMIN, PEER_IDENTITY } from './peer.ts';
import { findMember } from './topology.ts';
import { REGISTRAR } from './ca.ts';

export const ROLES = ['clerk', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface UserRequest {
  org: string;
  name: string;
  enterpriseId: string;
  role: Role;
}

export interface EnrolledUser extends IdentityFiles {
  org: string;
  mspId: string;
  name: string;
  enterpriseId: string;
  role: Role;
}

export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = UserError.name;
  }
}

const USER_NAME = /^[a-z][a-z0-9._-]{1,63}$/;
const ENTERPRISE_ID = /^[0-9A-Za-z_-]{1,64}$/;
const RESERVED = new Set([ORG_ADMIN, ORDERER_ADMIN, PEER_IDENTITY, REGISTRAR]);

function validate(request: UserRequest): void {
  if (!USER_NAME.test(request.name) || RESERVED.has(request.name) || /^orderer\d+$/.test(request.name)) {
    throw new UserError(
      `user name "${request.name}" must match ${USER_NAME.source} and not be a node or admin name`,
    );
  }
  if (!ENTERPRISE_ID.test(request.enterpriseId)) {
    throw new UserError(`enterprise id "${request.enterpriseId}" must match ${ENTERPRISE_ID.source}`);
  }
  if (!ROLES.includes(request.role)) {
    throw new UserError(`role "${request.role}" must be one of ${ROLES.join(', ')}`);
  }
}

/**
 * Registers and enrolls a user at its org's CA with scf.enterpriseId and scf.role in the certificate.
 * Enrolling the same user again returns the same identity; other attributes are refused.
 */
export async function enrollUser(ctx: NetworkContext, request: UserRequest): Promise<EnrolledUser> {
  validate(request);
  const org = findMember(ctx.topology, request.org);
  const record = join(ctx.paths.identity(org.name, request.name), 'user.json');
  if (existsSync(record)) {
    const known = JSON.parse(readFileSync(record, 'utf8')) as UserRequest;
    if (known.enterpriseId !== request.enterpriseId || known.role !== request.role) {
      throw new UserError(
        `user ${request.name}@${org.name} exists as ${known.role} of ${known.enterpriseId}`,
      );
    }
  }
  const files = await enrollIdentity(ctx, org.ca, {
    name: request.name,
    type: 'client',
    attrs: { 'scf.enterpriseId': request.enterpriseId, 'scf.role': request.role },
  });
  writeFileSync(record, JSON.stringify(request, null, 2));
  return { ...files, ...request, mspId: org.mspId };
}
