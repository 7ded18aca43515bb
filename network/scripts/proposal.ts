import { readFileSync } from 'node:fs';
import { parseChange, type ChannelChange } from './channel-change.ts';
import { CHANNEL_NAME, MSP_ID } from './config.ts';
import { writePublicJson } from './public-file.ts';
import { hasPrivateKey } from './pem.ts';
import { ProposalError } from './proposal-error.ts';

/**
 * A proposed channel change, as one public file that passes between orgs: what changes (`change`,
 * for people), the config block it was computed from, who proposed it, and the config update
 * envelope itself (`envelope`: what `peer channel signconfigtx` signs and `peer channel update`
 * sends) with the signatures collected so far.
 */
export const PROPOSAL_FORMAT = 'scf-channel-update/1';

export interface ChannelProposal {
  format: typeof PROPOSAL_FORMAT;
  channel: string;
  change: ChannelChange;
  /** The number of the config block whose config the update was computed against. */
  basedOnConfigBlock: number;
  /** The MSP id of the org whose admin proposed it. */
  proposedBy: string;
  /** Base64 of the marshaled common.Envelope holding the common.ConfigUpdateEnvelope. */
  envelope: string;
}

const FIELDS = ['format', 'channel', 'change', 'basedOnConfigBlock', 'proposedBy', 'envelope'];
const DOCUMENT = '(document)';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Checks a parsed proposal document strictly and returns it typed; `file` names it in errors. */
export function parseProposal(raw: unknown, file: string): ChannelProposal {
  // Typed explicitly: TypeScript narrows after a call to `fail` (never) only then.
  const fail: (field: string, reason: string) => never = (field, reason) => {
    throw new ProposalError(file, field, reason);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(DOCUMENT, 'must be a JSON object');
  const doc = raw as Record<string, unknown>;
  if (doc.format !== PROPOSAL_FORMAT) {
    fail('format', `must be "${PROPOSAL_FORMAT}", got ${JSON.stringify(doc.format)}`);
  }
  const extra = Object.keys(doc).find((key) => !FIELDS.includes(key));
  if (extra !== undefined) fail(extra, `is not part of ${PROPOSAL_FORMAT}`);
  const { channel, basedOnConfigBlock, proposedBy, envelope } = doc;
  if (typeof channel !== 'string' || !CHANNEL_NAME.test(channel)) {
    fail('channel', `must be a channel name, got ${JSON.stringify(channel)}`);
  }
  if (
    typeof basedOnConfigBlock !== 'number' ||
    !Number.isSafeInteger(basedOnConfigBlock) ||
    basedOnConfigBlock < 0
  ) {
    fail('basedOnConfigBlock', `must be a block number, got ${JSON.stringify(basedOnConfigBlock)}`);
  }
  if (typeof proposedBy !== 'string' || !MSP_ID.test(proposedBy)) {
    fail('proposedBy', `must be an MSP id matching ${MSP_ID.source}, got ${JSON.stringify(proposedBy)}`);
  }
  if (typeof envelope !== 'string' || envelope.length === 0 || !BASE64.test(envelope)) {
    fail('envelope', 'must be the config update envelope in base64');
  }
  const change = parseChange(doc.change, file);
  return {
    format: PROPOSAL_FORMAT,
    channel: channel,
    change,
    basedOnConfigBlock: basedOnConfigBlock,
    proposedBy: proposedBy,
    envelope: envelope,
  };
}

/** Reads and checks a proposal file. A proposal is public: one holding a private key is refused. */
export function readProposal(file: string): ChannelProposal {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ProposalError(file, DOCUMENT, `cannot be read: ${(error as Error).message}`);
  }
  if (hasPrivateKey(text)) throw new ProposalError(file, DOCUMENT, 'holds private key material');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ProposalError(file, DOCUMENT, `is not JSON: ${(error as Error).message}`);
  }
  return parseProposal(raw, file);
}

/** Refuses a proposal for another channel than `channel` (this network's). */
export function assertChannel(proposal: ChannelProposal, channel: string, file: string): void {
  if (proposal.channel !== channel) {
    throw new ProposalError(
      file,
      'channel',
      `is "${proposal.channel}", not this network's channel "${channel}"`,
    );
  }
}

/** Checks and writes a proposal, readable by everyone (mode 644): it is public by design. */
export function writeProposal(file: string, proposal: ChannelProposal): void {
  writePublicJson(file, parseProposal(proposal, file));
}

/** The envelope's bytes, as the Fabric tools read them. */
export function envelopeBytes(proposal: ChannelProposal): Buffer {
  return Buffer.from(proposal.envelope, 'base64');
}
