import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ordererArgs } from './chaincode.ts';
import { snapshotIntervalSize } from './channel-config.ts';
import type { NetworkContext } from './context.ts';
import { run } from './exec.ts';
import { fabricBin } from './fabric-tools.ts';
import { identityFiles } from './identities.ts';
import { ORDERER_ADMIN } from './orderer.ts';

/** The parts of the channel config (configtxlator's JSON) this update reads and changes. */
interface ChannelConfig {
  channel_group: {
    groups: {
      Orderer: {
        values: {
          BatchSize: { value: { preferred_max_bytes: number } };
          ConsensusType: { value: { metadata: { options: { snapshot_interval_size: number } } } };
        };
      };
    };
  };
}

interface ConfigBlock {
  data: { data: { payload: { data: { config: ChannelConfig } } }[] };
}

/** The peer CLI as the orderer org's admin, whose signature the orderer part of the channel config needs. */
function asOrdererAdmin(ctx: NetworkContext, args: string[]): Promise<string> {
  const org = ctx.topology.ordererOrg;
  const admin = identityFiles(ctx.paths.identity(org.name, ORDERER_ADMIN));
  return run(fabricBin(ctx.tools, 'peer'), [...args, ...ordererArgs(ctx)], {
    env: {
      FABRIC_CFG_PATH: ctx.tools.configDir,
      FABRIC_LOGGING_SPEC: 'WARNING',
      CORE_PEER_LOCALMSPID: org.mspId,
      CORE_PEER_MSPCONFIGPATH: admin.msp,
    },
  });
}

function configtxlator(ctx: NetworkContext, args: string[]): Promise<string> {
  return run(fabricBin(ctx.tools, 'configtxlator'), args);
}

/** Decodes a protobuf file to JSON (through a file: configtxlator cannot open a piped /dev/stdout). */
async function decode(ctx: NetworkContext, type: string, input: string): Promise<unknown> {
  const output = `${input}.json`;
  await configtxlator(ctx, ['proto_decode', '--type', type, '--input', input, '--output', output]);
  return JSON.parse(readFileSync(output, 'utf8')) as unknown;
}

function bytesOf(size: string): number {
  const [amount = '0', unit] = size.split(' ');
  return Number(amount) * (unit === 'MB' ? 1024 * 1024 : 1024);
}

/**
 * Brings a channel created with Fabric's 16 MB Raft snapshot interval down to the one
 * channel-config.ts writes today (half a block batch), by a channel config update the orderer org's
 * admin signs. Until a channel's first snapshot its orderers replay the channel's first entries at
 * every start, where older Fabric builds can deadlock (issue 4199); the update block itself makes
 * every orderer take a snapshot, so each later start is safe. Returns true if it changed the channel;
 * a failure is reported, not thrown: the network works without the change.
 */
export async function ensureRaftSnapshots(ctx: NetworkContext): Promise<boolean> {
  try {
    return await lowerSnapshotInterval(ctx);
  } catch (error) {
    ctx.log(
      `could not lower the Raft snapshot interval of channel "${ctx.topology.config.channel}" (its orderers ` +
        `may hang at start, Fabric issue 4199): ${error instanceof Error ? error.message : String(error)}`,
    );
    return false;
  }
}

async function lowerSnapshotInterval(ctx: NetworkContext): Promise<boolean> {
  const channel = ctx.topology.config.channel;
  mkdirSync(ctx.paths.channel, { recursive: true });
  const work = mkdtempSync(join(ctx.paths.channel, 'update-'));
  try {
    const block = join(work, 'config.block');
    await asOrdererAdmin(ctx, ['channel', 'fetch', 'config', block, '-c', channel]);
    const decoded = (await decode(ctx, 'common.Block', block)) as ConfigBlock;
    const config = decoded.data.data[0]?.payload.data.config;
    if (!config) throw new Error(`no config in the config block of channel "${channel}"`);
    const orderer = config.channel_group.groups.Orderer.values;
    const preferred = orderer.BatchSize.value.preferred_max_bytes;
    const wanted = bytesOf(snapshotIntervalSize(`${String(Math.floor(preferred / 1024))} KB`));
    const options = orderer.ConsensusType.value.metadata.options;
    const current = options.snapshot_interval_size;
    if (current > 0 && current <= wanted) return false;

    const original = join(work, 'original');
    writeFileSync(`${original}.json`, JSON.stringify(config));
    options.snapshot_interval_size = wanted;
    const updated = join(work, 'updated');
    writeFileSync(`${updated}.json`, JSON.stringify(config));
    for (const file of [original, updated]) {
      await configtxlator(ctx, [
        'proto_encode',
        '--type',
        'common.Config',
        '--input',
        `${file}.json`,
        '--output',
        `${file}.pb`,
      ]);
    }
    const update = join(work, 'update');
    await configtxlator(ctx, [
      'compute_update',
      '--channel_id',
      channel,
      '--original',
      `${original}.pb`,
      '--updated',
      `${updated}.pb`,
      '--output',
      `${update}.pb`,
    ]);
    const configUpdate = await decode(ctx, 'common.ConfigUpdate', `${update}.pb`);
    const envelope = {
      payload: {
        header: { channel_header: { channel_id: channel, type: 2 } },
        data: { config_update: configUpdate },
      },
    };
    writeFileSync(join(work, 'envelope.json'), JSON.stringify(envelope));
    await configtxlator(ctx, [
      'proto_encode',
      '--type',
      'common.Envelope',
      '--input',
      join(work, 'envelope.json'),
      '--output',
      join(work, 'envelope.pb'),
    ]);
    await asOrdererAdmin(ctx, ['channel', 'update', '-f', join(work, 'envelope.pb'), '-c', channel]);
    ctx.log(
      `channel "${channel}": Raft snapshot interval lowered from ${String(current)} to ${String(wanted)} bytes ` +
        '(orderers of older Fabric builds can hang replaying a long log at start, Fabric issue 4199)',
    );
    return true;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
