import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BlockSource, ChannelAdmin } from './channel-admin.ts';
import { ORDERER, orgMsps, ordererEndpoints, type ChannelConfig } from './config-tree.ts';
import type { Translator } from './configtxlator.ts';
import { CommandError } from './exec.ts';
import { TimeoutError } from './health.ts';

/** A config block of the channel: its number and the channel config it holds. */
export interface ConfigBlock {
  number: number;
  config: ChannelConfig;
}

/** common.HeaderType CONFIG: the transaction a config block holds. */
const CONFIG_TYPE = 1;
/** How long fetching one block may take: a peer asked for a block it has not got yet waits for it. */
const FETCH_TIMEOUT_MS = 30_000;

interface BlockJson {
  header: { number: string };
  data: {
    data: { payload: { header: { channel_header: { type: number } }; data: { config?: ChannelConfig } } }[];
  };
}

function configOf(block: BlockJson): ConfigBlock {
  const number = Number(block.header.number);
  const [tx] = block.data.data;
  const config = tx?.payload.data.config;
  if (tx?.payload.header.channel_header.type !== CONFIG_TYPE || !config) {
    throw new Error(`block ${number} is not a config block`);
  }
  return { number, config };
}

/** The orderers refused the admin's org the channel's blocks: its org is not a member (Readers). */
export class ChannelAccessDeniedError extends Error {
  readonly mspId: string;
  readonly channel: string;

  constructor(mspId: string, channel: string, detail: string) {
    super(`the orderers refuse ${mspId} the blocks of channel "${channel}" (FORBIDDEN):\n${detail}`);
    this.name = ChannelAccessDeniedError.name;
    this.mspId = mspId;
    this.channel = channel;
  }
}

/**
 * Writes block `which` (a number, `newest` or `config`) of the admin's channel to `file`,
 * fetched as the admin from the first of `sources` that answers.
 */
export async function fetchBlock(
  admin: ChannelAdmin,
  sources: BlockSource[],
  which: 'config' | 'newest' | number,
  file: string,
): Promise<void> {
  const failures: string[] = [];
  let denied = false;
  for (const source of sources) {
    try {
      await admin.peer(
        ['channel', 'fetch', String(which), file, '-c', admin.channel, ...source.args],
        FETCH_TIMEOUT_MS,
      );
      return;
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      // The deliver service answers a reader its policy refuses with status FORBIDDEN.
      denied ||= error.output.includes('FORBIDDEN');
      failures.push(`${source.name}: ${error.message}`);
    }
  }
  if (denied) throw new ChannelAccessDeniedError(admin.mspId, admin.channel, failures.join('\n'));
  const what =
    typeof which === 'number'
      ? `block ${String(which)}`
      : which === 'config'
        ? 'the newest config block'
        : 'the newest block';
  throw new Error(
    `cannot fetch ${what} of channel "${admin.channel}" as ${admin.mspId}:\n${failures.join('\n')}`,
  );
}

/**
 * Fetches the newest config block (`config`) or block `which` as the admin, from the first of
 * `sources` that answers, and decodes it with configtxlator.
 */
export async function fetchConfigBlock(
  admin: ChannelAdmin,
  translator: Translator,
  dir: string,
  sources: BlockSource[],
  which: 'config' | number,
): Promise<ConfigBlock> {
  const file = join(dir, `fetched-${randomUUID()}.block`);
  await fetchBlock(admin, sources, which, file);
  return configOf(await translator.decode<BlockJson>('common.Block', readFileSync(file)));
}

/**
 * The channel's orderers as the config names them, with their orgs' TLS roots (written to `dir`):
 * public facts every member reads from the channel itself.
 */
export function ordererSources(config: ChannelConfig, dir: string): BlockSource[] {
  const caFile = join(dir, 'orderer-tls-roots.pem');
  writeFileSync(
    caFile,
    orgMsps(config, [ORDERER])
      .flatMap((org) => org.tlsRootCertPems)
      .join('\n'),
  );
  return ordererEndpoints(config).map((address) => ({
    name: address,
    args: ['-o', address, '--tls', '--cafile', caFile],
  }));
}

/**
 * The channel's newest config block as the orderers have it: a member first reads its own peer's
 * config for where the orderers are, then asks them (its peer may not have the newest block yet).
 */
export async function latestConfigBlock(
  admin: ChannelAdmin,
  translator: Translator,
  dir: string,
): Promise<ConfigBlock> {
  const own = await fetchConfigBlock(admin, translator, dir, admin.ownNodes, 'config');
  if (admin.role === 'orderer') return own;
  return fetchConfigBlock(admin, translator, dir, ordererSources(own.config, dir), 'config');
}

/** Waits until the org's own node holds a config block numbered `atLeast` or more, and returns it. */
export async function waitForConfigBlock(
  admin: ChannelAdmin,
  translator: Translator,
  dir: string,
  atLeast: number,
  timeoutMs = 30_000,
): Promise<ConfigBlock> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const block = await fetchConfigBlock(admin, translator, dir, admin.ownNodes, 'config');
    if (block.number >= atLeast) return block;
    if (Date.now() > deadline) {
      throw new TimeoutError(
        `${admin.ownNodes.map((node) => node.name).join(', ')} still has config block ${block.number} after ` +
          `${timeoutMs / 1000}s, not ${atLeast} or later`,
      );
    }
    await sleep(250);
  }
}
