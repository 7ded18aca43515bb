import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { NetworkContext } from '../../scripts/context.ts';
import { identityFiles } from '../../scripts/identities.ts';
import { tlsHostNames } from '../../scripts/hosts.ts';
import { makeTestCa, type TestCa } from './test-pki.ts';

function put(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/**
 * Writes what `up` leaves in a state folder for each org's definition, with real certificates from
 * openssl instead of Fabric CAs: the CA certificate, the admin's certificate and key, each orderer's
 * TLS certificate and key. Returns each org's CA by org name.
 */
export function writeFakeOrgState(ctx: NetworkContext): Map<string, TestCa> {
  const { members, ordererOrg } = ctx.topology;
  const cas = new Map<string, TestCa>();
  for (const org of [...members, ordererOrg]) {
    const ca = makeTestCa(org.name);
    cas.set(org.name, ca);
    put(ctx.paths.caCert(org.name), ca.certPem);
    const admin = identityFiles(ctx.paths.identity(org.name, 'admin'));
    const issued = ca.issue('admin', { ou: 'admin' });
    put(admin.cert, issued.certPem);
    put(admin.key, issued.keyPem);
  }
  const ca = cas.get(ordererOrg.name);
  if (!ca) throw new Error('no CA for the orderer org');
  for (const node of ordererOrg.orderers) {
    const files = identityFiles(ctx.paths.identity(ordererOrg.name, node.name));
    const issued = ca.issue(node.name, { hosts: tlsHostNames(node) });
    put(files.tlsCert, issued.certPem);
    put(files.tlsKey, issued.keyPem);
  }
  return cas;
}
