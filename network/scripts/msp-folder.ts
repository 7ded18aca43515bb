import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeOusYaml } from './identities.ts';
import type { OrgDefinition } from './org-definition.ts';

/**
 * Writes the MSP folder configtxgen reads for an org in a channel, from its public definition only:
 * cacerts/ and tlscacerts/ (its roots) and config.yaml with NodeOUs. No admincerts: with NodeOUs an
 * admin is whoever holds a certificate of the org's CA with OU=admin (Fabric deprecated admincerts
 * in 1.4.3). Replaces whatever the folder held.
 */
export function writeMspFolder(definition: OrgDefinition, dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  for (const [sub, pem] of [
    ['cacerts', definition.caCertPem],
    ['tlscacerts', definition.tlsCaCertPem],
  ] as const) {
    mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, sub, 'ca.pem'), pem);
  }
  writeFileSync(join(dir, 'config.yaml'), nodeOusYaml());
  return dir;
}
