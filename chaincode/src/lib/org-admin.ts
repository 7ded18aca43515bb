import { X509Certificate } from 'node:crypto';
import type { Context } from 'fabric-contract-api';
import { Attributes } from './caller';
import { forbidden } from '@scf/ledger-contract';

/** The organizational unit Fabric's NodeOUs give an org's admin identities (Fabric CA type `admin`). */
export const ADMIN_OU = 'admin';

/**
 * The OU values of the caller certificate's subject. fabric-shim's ClientIdentity shows the subject
 * only inside getID(), as `/OU=.../CN=...` with just the first `/` of each value escaped, so a
 * value the client chose in its CSR (say L=`x/y/OU=admin`) would read as an OU there. The
 * certificate itself (getIDBytes) is parsed instead; one that does not parse has no OUs.
 */
function subjectOrganizationalUnits(ctx: Context): string[] {
  try {
    const certificate = new X509Certificate(Buffer.from(ctx.clientIdentity.getIDBytes()));
    const units: unknown = (certificate.toLegacyObject().subject as unknown as Record<string, unknown>).OU;
    if (typeof units === 'string') return [units];
    return Array.isArray(units) ? units.filter((unit): unit is string => typeof unit === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Whether the caller administers its org: a user whose certificate carries scf.role=admin, or the
 * org's own admin identity, which the Fabric CA issues with OU=admin (NodeOU) and no scf.* attributes.
 */
export function isOrgAdmin(ctx: Context): boolean {
  if (ctx.clientIdentity.getAttributeValue(Attributes.role) === 'admin') return true;
  return subjectOrganizationalUnits(ctx).includes(ADMIN_OU);
}

/** The caller must be an org admin (see isOrgAdmin) to do `what`; returns its org's MSP id. */
export function requireOrgAdmin(ctx: Context, what: string): string {
  const mspId = ctx.clientIdentity.getMSPID();
  if (!isOrgAdmin(ctx)) {
    throw forbidden(`only an org admin (scf.role=admin or an OU=admin certificate) of ${mspId} may ${what}`);
  }
  return mspId;
}
