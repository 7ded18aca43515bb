import { existsSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { NetworkContext } from './context.ts';
import { definitionFingerprint, requireFingerprint } from './definition-fingerprint.ts';
import {
  DefinitionError,
  readOrgDefinition,
  writeOrgDefinition,
  type OrgDefinition,
} from './org-definition.ts';
import { findOrg } from './topology.ts';

export type ImportOutcome = 'imported' | 'replaced' | 'unchanged';

export interface ImportedDefinition {
  org: string;
  outcome: ImportOutcome;
  /** What the importing operator compares with the one the exporting operator reads out. */
  fingerprint: string;
}

/**
 * Takes another org's exported public definition into this host's consortium folder, where the
 * genesis block, `join` and the peer CLI read it (trust-roots.ts). With `expectedFingerprint`, a file
 * whose fingerprint differs is refused (definition-fingerprint.ts).
 */
export function importDefinition(
  ctx: NetworkContext,
  file: string,
  expectedFingerprint?: string,
): ImportedDefinition {
  const definition = checkedDefinition(ctx, file, expectedFingerprint);
  const org = definition.name;
  const fingerprint = definitionFingerprint(definition);
  const target = ctx.paths.definition(org);
  const before = existsSync(target) ? (JSON.parse(readFileSync(target, 'utf8')) as unknown) : undefined;
  if (isDeepStrictEqual(before, definition)) return { org, outcome: 'unchanged', fingerprint };
  writeOrgDefinition(target, definition);
  return { org, outcome: before === undefined ? 'imported' : 'replaced', fingerprint };
}

/**
 * Reads `file` and checks, writing nothing, that it may be imported here: a valid definition of an org
 * of the plan, with the plan's MSP id and role, not of an org whose CA runs here (that one keeps the
 * definition it exports itself), and with the expected fingerprint if one is given. Callers check every
 * file of an import before taking any, so that one bad file leaves the folder as it was.
 */
export function checkedDefinition(
  ctx: NetworkContext,
  file: string,
  expectedFingerprint?: string,
): OrgDefinition {
  const definition = readOrgDefinition(file);
  let org;
  try {
    org = findOrg(ctx.topology, definition.name);
  } catch {
    throw new DefinitionError(file, 'name', `"${definition.name}" is not an org of this consortium's plan`);
  }
  if (org.mspId !== definition.mspId) {
    throw new DefinitionError(
      file,
      'mspId',
      `is ${definition.mspId}; the plan names ${org.name} ${org.mspId}`,
    );
  }
  const role = 'peer' in org ? 'member' : 'orderer';
  if (definition.role !== role) throw new DefinitionError(file, 'role', `must be "${role}" for ${org.name}`);
  if (ctx.local.cas.some((ca) => ca.org === org.name)) {
    throw new DefinitionError(
      file,
      'name',
      `${org.name} runs its CA here: its definition is exported, not imported`,
    );
  }
  if (expectedFingerprint !== undefined) requireFingerprint(file, definition, expectedFingerprint);
  return definition;
}
