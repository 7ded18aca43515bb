import { X509Certificate } from 'node:crypto';
import { batchProblem, MSP_ID, type BatchConfig } from './config.ts';
import { consenterName, parseConsenter } from './consenter-statement.ts';
import { endpoint, HOST_RULE, isHost, isPort } from './hosts.ts';
import {
  DefinitionError,
  parseOrgDefinition,
  type Endpoint,
  type MemberDefinition,
  type OrdererEndpoint,
} from './org-definition.ts';
import { ProposalError } from './proposal-error.ts';

/** A member org joins the channel, from its public definition (MSP, policies, anchor peers). */
export interface AddOrgChange {
  kind: 'add-org';
  definition: MemberDefinition;
}

/** A member org leaves the channel. */
export interface RemoveOrgChange {
  kind: 'remove-org';
  mspId: string;
}

/** A member org's anchor peers (the peers other orgs' gossip dials) become `peers`. */
export interface AnchorPeersChange {
  kind: 'anchor-peers';
  mspId: string;
  peers: Endpoint[];
}

/** The orderers cut blocks by other settings (those given; the rest stay). */
export interface BatchChange extends BatchConfig {
  kind: 'batch';
}

/**
 * An orderer of an ordering org joins the Raft consenters and the org's endpoints, as the org's
 * updated public definition describes it (name, host, port, TLS certificate).
 */
export interface AddConsenterChange {
  kind: 'add-consenter';
  /** The ordering org that runs it. */
  mspId: string;
  consenter: OrdererEndpoint;
}

/** The consenter whose TLS certificate names the orderer `name` leaves the Raft consenters and endpoints. */
export interface RemoveConsenterChange {
  kind: 'remove-consenter';
  name: string;
}

/** What a proposal changes, as people read it and as `propose` applies it to the channel config. */
export type ChannelChange =
  | AddOrgChange
  | RemoveOrgChange
  | AnchorPeersChange
  | BatchChange
  | AddConsenterChange
  | RemoveConsenterChange;

export const CHANGE_KINDS = [
  'add-org',
  'remove-org',
  'anchor-peers',
  'batch',
  'add-consenter',
  'remove-consenter',
] as const;
export type ChangeKind = ChannelChange['kind'];

const FIELDS: Record<ChangeKind, readonly string[]> = {
  'add-org': ['kind', 'definition'],
  'remove-org': ['kind', 'mspId'],
  'anchor-peers': ['kind', 'mspId', 'peers'],
  batch: ['kind', 'timeout', 'maxMessageCount', 'preferredMaxBytes'],
  'add-consenter': ['kind', 'mspId', 'consenter'],
  'remove-consenter': ['kind', 'name'],
};
const BATCH_FIELDS = ['timeout', 'maxMessageCount', 'preferredMaxBytes'] as const;

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isKind(value: unknown): value is ChangeKind {
  return (CHANGE_KINDS as readonly unknown[]).includes(value);
}

function mspId(raw: Fields, fail: (field: string, reason: string) => never): string {
  const value = raw.mspId;
  if (typeof value !== 'string' || !MSP_ID.test(value)) {
    fail('mspId', `must be an MSP id matching ${MSP_ID.source}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** A list of distinct `{ host, port }` endpoints others can dial. */
function peers(value: unknown, fail: (field: string, reason: string) => never): Endpoint[] {
  if (!Array.isArray(value) || value.length === 0) fail('peers', 'must be a non-empty list');
  const seen = new Set<string>();
  return value.map((item: unknown, index): Endpoint => {
    const at = `peers[${index}]`;
    if (!isObject(item) || Object.keys(item).some((key) => key !== 'host' && key !== 'port')) {
      fail(at, 'must be an object with "host" and "port" only');
    }
    const { host, port } = item;
    if (!isHost(host)) fail(`${at}.host`, `must be ${HOST_RULE}, got ${JSON.stringify(host)}`);
    if (!isPort(port)) fail(`${at}.port`, `must be an integer from 1 to 65535, got ${JSON.stringify(port)}`);
    if (seen.has(endpoint(host, port))) fail(at, `repeats ${endpoint(host, port)}`);
    seen.add(endpoint(host, port));
    return { host, port };
  });
}

function batch(raw: Fields, fail: (field: string, reason: string) => never): BatchChange {
  const change: BatchChange = { kind: 'batch' };
  for (const field of BATCH_FIELDS) {
    if (raw[field] === undefined) continue;
    const problem = batchProblem(field, raw[field]);
    if (problem !== undefined) fail(field, problem);
    Object.assign(change, { [field]: raw[field] });
  }
  if (Object.keys(change).length === 1) fail('kind', `"batch" needs one of ${BATCH_FIELDS.join(', ')}`);
  return change;
}

/**
 * Checks a change statement strictly (its kind, exactly that kind's fields, each valid) and returns
 * it typed. `file` and `field` (where the statement sits in the file) name the place of a fault.
 */
export function parseChange(raw: unknown, file: string, field = 'change'): ChannelChange {
  // Typed explicitly: TypeScript narrows after a call to `fail` (never) only then.
  const fail: (sub: string, reason: string) => never = (sub, reason) => {
    throw new ProposalError(file, `${field}.${sub}`, reason);
  };
  if (!isObject(raw)) throw new ProposalError(file, field, 'must be an object with a "kind"');
  const { kind } = raw;
  if (!isKind(kind)) fail('kind', `must be one of ${CHANGE_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
  const extra = Object.keys(raw).find((key) => !FIELDS[kind].includes(key));
  if (extra !== undefined) fail(extra, `is not part of a "${kind}" change`);
  switch (kind) {
    case 'add-org': {
      const definition = parseOrgDefinition(raw.definition, `${file} (${field}.definition)`);
      if (definition.role !== 'member') {
        throw new DefinitionError(
          `${file} (${field}.definition)`,
          'role',
          'must be "member" to join as a member',
        );
      }
      return { kind, definition };
    }
    case 'remove-org':
      return { kind, mspId: mspId(raw, fail) };
    case 'anchor-peers':
      return { kind, mspId: mspId(raw, fail), peers: peers(raw.peers, fail) };
    case 'batch':
      return batch(raw, fail);
    case 'add-consenter':
      return { kind, mspId: mspId(raw, fail), consenter: parseConsenter(raw.consenter, 'consenter', fail) };
    case 'remove-consenter':
      return { kind, name: consenterName(raw.name, 'name', fail) };
  }
}

const list = (endpoints: Endpoint[]): string =>
  endpoints.map((peer) => endpoint(peer.host, peer.port)).join(', ');

/** The change in one sentence, as signers see it before they sign. */
export function describeChange(change: ChannelChange): string {
  switch (change.kind) {
    case 'add-org': {
      const org = change.definition;
      const ca = new X509Certificate(org.caCertPem).fingerprint256;
      return (
        `add the member org ${org.mspId} ("${org.name}": ${org.description}; kinds ${org.kinds.join(', ')}; ` +
        `anchor peers ${list(org.anchorPeers)}; root CA SHA-256 ${ca})`
      );
    }
    case 'remove-org':
      return `remove the member org ${change.mspId} from the channel`;
    case 'anchor-peers':
      return `set the anchor peers of ${change.mspId} to ${list(change.peers)}`;
    case 'batch': {
      const parts = [
        change.timeout === undefined ? '' : `timeout to ${change.timeout}`,
        change.maxMessageCount === undefined ? '' : `max message count to ${change.maxMessageCount}`,
        change.preferredMaxBytes === undefined ? '' : `preferred max bytes to ${change.preferredMaxBytes}`,
      ];
      return `set the orderers' batch ${parts.filter(Boolean).join(', ')}`;
    }
    case 'add-consenter': {
      const { name, host, port, tlsCertPem } = change.consenter;
      const tls = new X509Certificate(tlsCertPem).fingerprint256;
      return (
        `add ${name} of ${change.mspId} at ${endpoint(host, port)} to the Raft consenters and the ` +
        `org's orderer endpoints (TLS certificate SHA-256 ${tls})`
      );
    }
    case 'remove-consenter':
      return (
        `remove the orderer ${change.name} (the consenter whose TLS certificate names it) from the ` +
        "Raft consenters and its org's orderer endpoints"
      );
  }
}
