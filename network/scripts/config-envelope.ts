import { isDeepStrictEqual } from 'node:util';
import type { ChannelConfig, ConfigUpdate } from './config-tree.ts';
import type { Translator } from './configtxlator.ts';
import { ProposalError } from './proposal-error.ts';

/** common.HeaderType CONFIG_UPDATE. */
export const CONFIG_UPDATE_TYPE = 2;

/** One admin's signature over a config update (common.ConfigSignature, decoded). */
export interface ConfigSignature {
  signature: string;
  signature_header: { creator: { mspid: string; id_bytes: string }; nonce: string };
}

/** A common.Envelope carrying a config update and its signatures, as configtxlator decodes it. */
export interface ConfigUpdateEnvelope {
  payload: {
    header: { channel_header: { channel_id: string; type: number } };
    data: { config_update: ConfigUpdate; signatures?: ConfigSignature[] | null };
  };
}

/**
 * The envelope to encode for an update and its signatures: Fabric's documented form (a channel
 * header of type CONFIG_UPDATE, no outer signature; `peer channel update` signs the envelope).
 */
export function envelopeOf(
  channel: string,
  update: ConfigUpdate,
  signatures: ConfigSignature[],
): ConfigUpdateEnvelope {
  return {
    payload: {
      header: { channel_header: { channel_id: channel, type: CONFIG_UPDATE_TYPE } },
      data: { config_update: update, signatures },
    },
  };
}

/** The update taking the channel from `original` to `updated`, and its unsigned envelope's bytes. */
export async function buildConfigUpdate(
  translator: Translator,
  channel: string,
  original: ChannelConfig,
  updated: ChannelConfig,
): Promise<{ update: ConfigUpdate; envelope: Buffer }> {
  const bytes = await translator.computeUpdate(
    channel,
    await translator.encode('common.Config', original),
    await translator.encode('common.Config', updated),
  );
  const update = await translator.decode<ConfigUpdate>('common.ConfigUpdate', bytes);
  return { update, envelope: await translator.encode('common.Envelope', envelopeOf(channel, update, [])) };
}

/** Refuses an envelope that is not a config update of `channel`, naming `file`. */
export function assertConfigUpdate(envelope: ConfigUpdateEnvelope, channel: string, file: string): void {
  const header = envelope.payload.header.channel_header;
  const update = envelope.payload.data.config_update;
  if (header.type !== CONFIG_UPDATE_TYPE) {
    throw new ProposalError(file, 'envelope', `is a message of type ${header.type}, not a config update`);
  }
  if (header.channel_id !== channel || update.channel_id !== channel) {
    throw new ProposalError(file, 'envelope', `updates channel "${update.channel_id}", not "${channel}"`);
  }
}

/** One signed copy of a proposal's envelope, decoded, and the file it came from. */
export interface SignedCopy {
  file: string;
  envelope: ConfigUpdateEnvelope;
}

/**
 * Unites the signatures of several signed copies of one config update (each org signs its own copy
 * in parallel). Every copy must carry the same update: a copy whose update differs in anything is
 * refused, naming its file. A signature on several copies counts once.
 */
export function mergeSignedCopies(
  channel: string,
  copies: SignedCopy[],
): { update: ConfigUpdate; signatures: ConfigSignature[] } {
  const [first] = copies;
  if (!first) throw new Error('no proposal to merge');
  const signatures = new Map<string, ConfigSignature>();
  for (const copy of copies) {
    assertConfigUpdate(copy.envelope, channel, copy.file);
    const { config_update: update, signatures: signed } = copy.envelope.payload.data;
    if (!isDeepStrictEqual(update, first.envelope.payload.data.config_update)) {
      throw new ProposalError(copy.file, 'envelope', `holds another config update than ${first.file}`);
    }
    for (const signature of signed ?? []) signatures.set(signature.signature, signature);
  }
  return { update: first.envelope.payload.data.config_update, signatures: [...signatures.values()] };
}
