import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';
import {
  channelFiles,
  channelProfile,
  channelSettings,
  PROFILE,
  type ChannelSettings,
  type FoundingOrgs,
} from './channel-config.ts';
import type { NetworkContext } from './context.ts';
import { run } from './exec.ts';
import { fabricBin, type FabricTools } from './fabric-tools.ts';
import { writeMspFolder } from './msp-folder.ts';
import { DefinitionError, readOrgDefinition, type OrgDefinition } from './org-definition.ts';
import { foundingDefinitionFiles, type FoundingFiles } from './org-export.ts';

/** Reads the founding orgs' definition files: members must be members, the orderer org an orderer org. */
export function readFounding(files: FoundingFiles): FoundingOrgs {
  const seen = new Map<string, string>();
  const read = <R extends OrgDefinition['role']>(
    file: string,
    role: R,
  ): Extract<OrgDefinition, { role: R }> => {
    const definition = readOrgDefinition(file);
    if (definition.role !== role) throw new DefinitionError(file, 'role', `must be "${role}" here`);
    for (const key of [definition.name, definition.mspId]) {
      const other = seen.get(key);
      if (other !== undefined) throw new DefinitionError(file, 'name', `repeats "${key}" of ${other}`);
      seen.set(key, file);
    }
    return definition as Extract<OrgDefinition, { role: R }>;
  };
  return {
    members: files.members.map((file) => read(file, 'member')),
    orderer: read(files.orderer, 'orderer'),
  };
}

/** Writes what configtx.yaml points at: each org's MSP folder and each consenter's TLS certificate. */
export function writeChannelInputs(founding: FoundingOrgs, dir: string): void {
  const files = channelFiles(dir);
  for (const org of [...founding.members, founding.orderer]) writeMspFolder(org, files.mspDir(org.name));
  for (const node of founding.orderer.orderers) {
    const file = files.consenterCert(founding.orderer.name, node.name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, node.tlsCertPem);
  }
}

/**
 * Builds a channel's genesis block with configtxgen from the founding orgs' definition files and the
 * channel settings, and nothing else of those orgs: any founding org can run it on its own host.
 */
export async function createGenesisBlock(
  tools: FabricTools,
  files: FoundingFiles,
  settings: ChannelSettings,
  dir: string,
  block: string,
): Promise<void> {
  const founding = readFounding(files);
  mkdirSync(dir, { recursive: true });
  writeChannelInputs(founding, dir);
  writeFileSync(channelFiles(dir).configtx, stringify(channelProfile(founding, settings, dir)));
  await run(fabricBin(tools, 'configtxgen'), [
    '-configPath',
    dir,
    '-profile',
    PROFILE,
    '-channelID',
    settings.channel,
    '-outputBlock',
    block,
  ]);
}

/**
 * The channel's genesis block, built by the ordering org's admin from the founding orgs' definition
 * files only (its own and the local orgs' exported here, the others imported). An existing block is
 * kept as it is (later `up`s). Undefined, with a note of what is missing, while a definition is.
 */
export async function ensureGenesisBlock(ctx: NetworkContext): Promise<string | undefined> {
  const block = ctx.paths.genesisBlock;
  if (existsSync(block)) return block;
  const files = foundingDefinitionFiles(ctx);
  if ('missing' in files) {
    ctx.log(
      `channel not created yet: the definitions of ${files.missing.join(', ')} are missing ` +
        '(each org runs npm run network -- export; then here: npm run network -- import FILE…, and up again)',
    );
    return undefined;
  }
  const settings = channelSettings(ctx.topology.config);
  await createGenesisBlock(ctx.tools, files, settings, ctx.paths.channel, block);
  ctx.log(
    `genesis block of channel "${settings.channel}" written from ${files.members.length + 1} org definitions`,
  );
  return block;
}
