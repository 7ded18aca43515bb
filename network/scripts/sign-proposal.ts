import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { channelAdmin } from './channel-admin.ts';
import { assertConfigUpdate, type ConfigUpdateEnvelope } from './config-envelope.ts';
import { configtxlator } from './configtxlator.ts';
import type { NetworkContext } from './context.ts';
import { assertChannel, envelopeBytes, type ChannelProposal } from './proposal.ts';
import { assertUpdateIsStatement } from './proposal-check.ts';
import { withScratchDir } from './scratch-dir.ts';

export interface Signed {
  proposal: ChannelProposal;
  /** The admin's signature was on it already: nothing was added. */
  already: boolean;
}

const oneLine = (pem: string): string => pem.replace(/\s+/g, '');

/**
 * `sign`: the org's admin checks that the proposal's update is exactly its statement (recomputed
 * from the config block it names, on the org's own node), then signs it with
 * `peer channel signconfigtx` and its own MSP. Returns the proposal with the signed envelope.
 */
export async function signProposal(
  ctx: NetworkContext,
  orgName: string,
  proposal: ChannelProposal,
  file: string,
): Promise<Signed> {
  const admin = channelAdmin(ctx, orgName);
  assertChannel(proposal, admin.channel, file);
  return await withScratchDir('sign', async (dir) => {
    const translator = configtxlator(ctx.tools, dir);
    const bytes = envelopeBytes(proposal);
    const envelope = await translator.decode<ConfigUpdateEnvelope>('common.Envelope', bytes);
    assertConfigUpdate(envelope, admin.channel, file);
    const { config_update: update, signatures } = envelope.payload.data;
    await assertUpdateIsStatement(ctx.tools, admin, translator, dir, proposal, update, file);
    const mine = (signatures ?? []).some(
      (signature) =>
        oneLine(Buffer.from(signature.signature_header.creator.id_bytes, 'base64').toString('utf8')) ===
        oneLine(admin.certPem),
    );
    if (mine) return { proposal, already: true };
    const envelopeFile = join(dir, 'envelope.pb');
    writeFileSync(envelopeFile, bytes);
    await admin.peer(['channel', 'signconfigtx', '-f', envelopeFile]);
    return {
      proposal: { ...proposal, envelope: readFileSync(envelopeFile).toString('base64') },
      already: false,
    };
  });
}
