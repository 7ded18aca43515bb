import { existsSync, readFileSync } from 'node:fs';
import type { NetworkContext } from './context.ts';
import { identityFiles } from './identities.ts';
import {
  DEFINITION_FORMAT,
  parseOrgDefinition,
  writeOrgDefinition,
  type OrgDefinition,
} from './org-definition.ts';
import { ORDERER_ADMIN } from './orderer.ts';
import { ORG_ADMIN } from './peer.ts';
import { findOrg, foundingMembers } from './topology.ts';

function publicFile(file: string, what: string): string {
  if (!existsSync(file)) {
    throw new Error(`${what} is missing (${file}): run \`npm run network -- up\` first`);
  }
  return readFileSync(file, 'utf8');
}

/**
 * The org's public definition, from its own part of the state folder only: its CA certificate (the
 * root of both its identities and its TLS certificates), its admin's enrollment certificate, and
 * where its anchor peer or orderers are reached (with each orderer's TLS certificate).
 */
export function exportOrgDefinition(ctx: NetworkContext, orgName: string): OrgDefinition {
  const org = findOrg(ctx.topology, orgName);
  const ca = publicFile(ctx.paths.caCert(org.name), `the CA certificate of ${org.name}`);
  const head = {
    format: DEFINITION_FORMAT,
    name: org.name,
    mspId: org.mspId,
  } as const;
  const certs = (admin: string): Pick<OrgDefinition, 'caCertPem' | 'tlsCaCertPem' | 'adminCertPems'> => ({
    caCertPem: ca,
    tlsCaCertPem: ca,
    adminCertPems: [
      publicFile(
        identityFiles(ctx.paths.identity(org.name, admin)).cert,
        `the admin certificate of ${org.name}`,
      ),
    ],
  });
  const definition: OrgDefinition =
    'peer' in org
      ? {
          ...head,
          role: 'member',
          description: org.description,
          ...certs(ORG_ADMIN),
          kinds: org.kinds,
          anchorPeers: [{ host: org.peer.host, port: org.peer.port }],
        }
      : {
          ...head,
          role: 'orderer',
          description: org.description,
          ...certs(ORDERER_ADMIN),
          orderers: org.orderers.map((node) => ({
            name: node.name,
            host: node.host,
            port: node.port,
            tlsCertPem: publicFile(
              identityFiles(ctx.paths.identity(org.name, node.name)).tlsCert,
              `the TLS certificate of ${node.name}`,
            ),
          })),
        };
  return parseOrgDefinition(definition, `definition of ${org.name}`);
}

/** The founding orgs' definition files. */
export interface FoundingFiles {
  members: string[];
  orderer: string;
}

/**
 * The founding orgs' definition files in the consortium folder: an org whose CA is in this state
 * folder exports its own there (as each would on its own host and send to the others); another
 * org's must have been imported. Answers the orgs still missing instead, if any.
 */
export function foundingDefinitionFiles(ctx: NetworkContext): FoundingFiles | { missing: string[] } {
  const { ordererOrg } = ctx.topology;
  const local = new Set(ctx.local.cas.map((ca) => ca.org));
  const missing: string[] = [];
  const file = (name: string): string => {
    const path = ctx.paths.definition(name);
    if (local.has(name)) writeOrgDefinition(path, exportOrgDefinition(ctx, name));
    else if (!existsSync(path)) missing.push(name);
    return path;
  };
  const files = {
    members: foundingMembers(ctx.topology).map((org) => file(org.name)),
    orderer: file(ordererOrg.name),
  };
  return missing.length > 0 ? { missing } : files;
}
