import { X509Certificate } from 'node:crypto';
import { ChangeError } from './change-error.ts';
import type { AddConsenterChange, RemoveConsenterChange } from './channel-change.ts';
import { ruleThreshold } from './channel-policy.ts';
import {
  groupAt,
  ORDERER,
  orgMsps,
  type ChannelConfig,
  type ConfigGroup,
  type ConfigValue,
} from './config-tree.ts';
import { certNames } from './consenter-statement.ts';
import { endpoint } from './hosts.ts';
import { issuedBy } from './pem.ts';

export type ConsenterProblem =
  | 'NO_RAFT'
  | 'NOT_ORDERING_ORG'
  | 'FOREIGN_TLS_CERT'
  | 'DUPLICATE_CONSENTER'
  | 'UNKNOWN_CONSENTER'
  | 'AMBIGUOUS_CONSENTER'
  | 'LAST_CONSENTER'
  | 'NO_MAJORITY_LEFT';

/** A consenter change that does not fit the channel's consenters; `field` names the statement's field. */
export class ConsenterChangeError extends ChangeError {
  readonly code: ConsenterProblem;
  readonly field: string;

  constructor(code: ConsenterProblem, field: string, message: string) {
    super(`${field}: ${message}`);
    this.code = code;
    this.field = field;
  }
}

/** One etcdraft consenter as configtxlator decodes the ConsensusType metadata (certificates in base64). */
interface RaftConsenter {
  host: string;
  port: number;
  client_tls_cert: string;
  server_tls_cert: string;
}

interface ConsensusTypeValue {
  type?: string;
  metadata?: { consenters?: RaftConsenter[] | null; options?: unknown };
}

const pemOf = (base64: string): string => Buffer.from(base64, 'base64').toString('utf8');
const oneLine = (pem: string): string => pem.replace(/\s+/g, '');

/** The Raft consenters list of the (decoded, writable) config. */
function raftConsenters(config: ChannelConfig): {
  list: RaftConsenter[];
  set: (list: RaftConsenter[]) => void;
} {
  const value = groupAt(config.channel_group, [ORDERER])?.values.ConsensusType?.value as
    ConsensusTypeValue | undefined;
  const metadata = value?.metadata;
  if (value?.type !== 'etcdraft' || !metadata) {
    throw new ConsenterChangeError('NO_RAFT', 'kind', 'the channel is not ordered by etcdraft');
  }
  return {
    list: metadata.consenters ?? [],
    set: (list) => {
      metadata.consenters = list;
    },
  };
}

/** Whether the channel's Raft consenters hold one whose TLS certificate names the orderer `name`. */
export function isConsenter(config: ChannelConfig, name: string): boolean {
  return raftConsenters(config).list.some((item) => certNames(pemOf(item.server_tls_cert), name));
}

/** The `addresses` of an ordering org's `Endpoints` value (created if the org has none yet). */
function endpointsOf(org: ConfigGroup): string[] {
  const existing: ConfigValue | undefined = org.values.Endpoints;
  const current = existing ?? { mod_policy: 'Admins', value: { addresses: [] }, version: '0' };
  org.values.Endpoints = current;
  const value = current.value as { addresses?: string[] | null };
  value.addresses ??= [];
  return value.addresses;
}

/**
 * Adds the consenter to the etcdraft consenters and its address to its ordering org's endpoints.
 * Refused: an org that is not an ordering org of the channel, a TLS certificate that org's TLS CA
 * did not issue (Fabric would refuse it too), and a consenter the channel has already, by name,
 * by host:port or by certificate.
 */
export function addConsenter(config: ChannelConfig, change: AddConsenterChange): void {
  const { consenter } = change;
  const org = orgMsps(config, [ORDERER]).find((item) => item.mspId === change.mspId);
  const group = org && groupAt(config.channel_group, [ORDERER, org.group]);
  if (!org || !group) {
    throw new ConsenterChangeError(
      'NOT_ORDERING_ORG',
      'mspId',
      `${change.mspId} is not an ordering org of the channel`,
    );
  }
  const cert = new X509Certificate(consenter.tlsCertPem);
  if (!org.tlsRootCertPems.some((root) => issuedBy(cert, new X509Certificate(root)))) {
    throw new ConsenterChangeError(
      'FOREIGN_TLS_CERT',
      'consenter.tlsCertPem',
      `is not issued by a TLS root CA of ${org.mspId} in the channel`,
    );
  }
  const raft = raftConsenters(config);
  const address = endpoint(consenter.host, consenter.port);
  const clash = (field: string, reason: string): never => {
    throw new ConsenterChangeError('DUPLICATE_CONSENTER', `consenter.${field}`, reason);
  };
  for (const existing of raft.list) {
    if (endpoint(existing.host, existing.port) === address)
      clash('host', `${address} is a consenter already`);
    if (oneLine(pemOf(existing.server_tls_cert)) === oneLine(consenter.tlsCertPem)) {
      clash('tlsCertPem', `the consenter at ${endpoint(existing.host, existing.port)} has this certificate`);
    }
    if (certNames(pemOf(existing.server_tls_cert), consenter.name)) {
      clash('name', `the consenter at ${endpoint(existing.host, existing.port)} is ${consenter.name}`);
    }
  }
  const tls = Buffer.from(consenter.tlsCertPem).toString('base64');
  raft.set([
    ...raft.list,
    { host: consenter.host, port: consenter.port, client_tls_cert: tls, server_tls_cert: tls },
  ]);
  const addresses = endpointsOf(group);
  if (!addresses.includes(address)) addresses.push(address);
}

/**
 * Removes the consenter whose TLS certificate names the orderer, and its address from every ordering
 * org's endpoints. Raft commits a change of its members only with a majority of the members before
 * it, and Fabric changes one at a time; so a removal must leave a consenter, and the ones left must
 * be a majority of the current set (from two consenters, the one left is not: the removal would
 * hang if the removed one is down; add a consenter first).
 */
export function removeConsenter(config: ChannelConfig, change: RemoveConsenterChange): void {
  const raft = raftConsenters(config);
  const named = raft.list.filter((item) => certNames(pemOf(item.server_tls_cert), change.name));
  const all = raft.list.map((item) => endpoint(item.host, item.port)).join(', ');
  const [gone] = named;
  if (!gone) {
    throw new ConsenterChangeError(
      'UNKNOWN_CONSENTER',
      'name',
      `no consenter of the channel is "${change.name}" (consenters: ${all})`,
    );
  }
  if (named.length > 1) {
    throw new ConsenterChangeError(
      'AMBIGUOUS_CONSENTER',
      'name',
      `several consenters' certificates name "${change.name}"`,
    );
  }
  const left = raft.list.filter((item) => item !== gone);
  if (left.length === 0) {
    throw new ConsenterChangeError(
      'LAST_CONSENTER',
      'name',
      `${change.name} is the channel's only consenter`,
    );
  }
  if (left.length < ruleThreshold('MAJORITY', raft.list.length)) {
    throw new ConsenterChangeError(
      'NO_MAJORITY_LEFT',
      'name',
      `the ${String(left.length)} consenter(s) left would not be a majority of the ${String(raft.list.length)} ` +
        'now: add a consenter before removing this one',
    );
  }
  raft.set(left);
  const address = endpoint(gone.host, gone.port);
  for (const org of orgMsps(config, [ORDERER])) {
    const group = groupAt(config.channel_group, [ORDERER, org.group]);
    const value = group?.values.Endpoints?.value as { addresses?: string[] | null } | undefined;
    if (value?.addresses?.includes(address))
      value.addresses = value.addresses.filter((item) => item !== address);
  }
}
