import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { NetworkContext } from './context.ts';
import { readOrgDefinition } from './org-definition.ts';

/** Another org's public file this host needs has not been imported. */
export class MissingDefinitionError extends Error {
  readonly org: string;

  constructor(org: string, file: string) {
    super(
      `the definition of ${org} is not on this host (${file}): get its exported file from that org and ` +
        'run npm run network -- import FILE',
    );
    this.name = MissingDefinitionError.name;
    this.org = org;
  }
}

/**
 * The TLS root certificate of an org's nodes, as a file: its CA's own certificate when that org's CA
 * (or a handed-over copy of its certificate) is in this state folder, else the one in the org's
 * imported public definition.
 */
export function tlsRootFile(ctx: NetworkContext, org: string): string {
  const own = ctx.paths.caCert(org);
  if (existsSync(own)) return own;
  const definitionFile = ctx.paths.definition(org);
  if (!existsSync(definitionFile)) throw new MissingDefinitionError(org, definitionFile);
  const file = ctx.paths.tlsRoot(org);
  const pem = readOrgDefinition(definitionFile).tlsCaCertPem;
  // Every peer CLI call asks: write only when an import changed the definition.
  if (!existsSync(file) || readFileSync(file, 'utf8') !== pem) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, pem);
  }
  return file;
}
