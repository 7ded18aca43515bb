import { existsSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { NetworkContext } from './context.ts';
import { DefinitionError, readOrgDefinition, writeOrgDefinition } from './org-definition.ts';
import { findOrg } from './topology.ts';

export type ImportOutcome = 'imported' | 'replaced' | 'unchanged';

/**
 * Takes another org's exported public definition into this host's consortium folder, where the
 * genesis block, `join` and the peer CLI read it (trust-roots.ts). The file must be a valid
 * definition of an org of the plan, with the plan's MSP id and role; an org whose CA runs here keeps
 * the definition it exports itself.
 */
export function importDefinition(ctx: NetworkContext, file: string): { org: string; outcome: ImportOutcome } {
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
  const target = ctx.paths.definition(org.name);
  const before = existsSync(target) ? (JSON.parse(readFileSync(target, 'utf8')) as unknown) : undefined;
  if (isDeepStrictEqual(before, definition)) return { org: org.name, outcome: 'unchanged' };
  writeOrgDefinition(target, definition);
  return { org: org.name, outcome: before === undefined ? 'imported' : 'replaced' };
}
