import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HOST_RULE, isHost, isListenHost } from './hosts.ts';

/** network/config/consortium.json: the one file that lists the member orgs. */
export const DEFAULT_CONFIG_FILE = fileURLToPath(new URL('../config/consortium.json', import.meta.url));

export const MAX_ORDERERS = 6;
/** Ports reserved per member org, and for the orderer org (its CA plus three per orderer). */
export const MEMBER_PORT_BLOCK = 10;
export const ORDERER_PORT_BLOCK = 2 + 3 * MAX_ORDERERS;

export interface OrgConfig {
  name: string;
  mspId: string;
  description: string;
  /** The DNS name or IP the org's nodes advertise to the others (default: the consortium's `host`). */
  host?: string;
  /** The address the org's processes bind (default: the consortium's `listenHost`, else the node's host). */
  listenHost?: string;
}

/** The ordering org: it may run each orderer on a host of its own. */
export interface OrdererOrgConfig extends OrgConfig {
  /** One advertised host per orderer, in order (default: the org's `host`); extra entries are unused. */
  hosts?: string[];
}

/** Enterprise kinds the ledger knows (chaincode model/enterprise.ts). */
export const ENTERPRISE_KINDS = ['CORE', 'SUPPLIER', 'BANK', 'LOGISTICS', 'AUDITOR'] as const;
export type EnterpriseKind = (typeof ENTERPRISE_KINDS)[number];

/** A member org, and the kinds of enterprise the consortium charter lets its admins register. */
export interface MemberConfig extends OrgConfig {
  kinds: EnterpriseKind[];
  /**
   * False for an org that joins the live channel later (`join`): `up` runs its CA and peer but leaves
   * it out of the genesis block, the chaincode deployment, the founding charter and the gossip wait.
   * Default true.
   */
  founding?: boolean;
}

/** Whether the org is in the channel from its genesis block (the default). */
export function isFounding(org: Pick<MemberConfig, 'founding'>): boolean {
  return org.founding !== false;
}

/** The rest of the founding charter: which member orgs publish benchmark rates, and how many must agree. */
export interface CharterConfig {
  ratePublishers: string[];
  rateQuorum: number;
}

/**
 * Orderer batching of the channel, written into its genesis block (defaults: channel-config.ts BATCH).
 * Tests set `maxMessageCount: 1` to grow a ledger of thousands of blocks in a minute.
 */
export interface BatchConfig {
  timeout?: string;
  maxMessageCount?: number;
  preferredMaxBytes?: string;
}

export interface ConsortiumConfig {
  channel: string;
  /** What every node advertises unless its org sets its own `host`. */
  host: string;
  /** What every process binds unless its org sets its own (default: each node's advertised host). */
  listenHost?: string;
  basePort: number;
  orderers: number;
  ordererOrg: OrdererOrgConfig;
  members: MemberConfig[];
  charter: CharterConfig;
  chaincode: { name: string; endorsingOrgs: number };
  batch?: BatchConfig;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = ConfigError.name;
  }
}

export interface ConfigOverrides {
  basePort?: number | undefined;
  orderers?: number | undefined;
  host?: string | undefined;
  /** Merged over the file's `batch`. */
  batch?: BatchConfig | undefined;
}

export function loadConfig(file = DEFAULT_CONFIG_FILE, overrides: ConfigOverrides = {}): ConsortiumConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const config = parseConfig(raw, file);
  return validateConfig({
    ...config,
    basePort: overrides.basePort ?? config.basePort,
    orderers: overrides.orderers ?? config.orderers,
    host: overrides.host ?? config.host,
    ...(overrides.batch ? { batch: { ...config.batch, ...overrides.batch } } : {}),
  });
}

function parseConfig(raw: unknown, file: string): ConsortiumConfig {
  const value = raw as Partial<ConsortiumConfig> | null;
  if (value === null || typeof value !== 'object' || !Array.isArray(value.members) || !value.ordererOrg) {
    throw new ConfigError(`${file}: expected an object with "members" and "ordererOrg"`);
  }
  return value as ConsortiumConfig;
}

/** An org's name (folder and node names) and MSP id: also what an org definition must carry. */
export const ORG_NAME = /^[a-z][a-z0-9]{0,19}$/;
export const MSP_ID = /^[A-Za-z][A-Za-z0-9]{0,39}MSP$/;
/** A channel's name, as Fabric allows it (a shorter limit than Fabric's 249). */
export const CHANNEL_NAME = /^[a-z][a-z0-9.-]{0,48}$/;

export function validateConfig(config: ConsortiumConfig): ConsortiumConfig {
  const problems: string[] = [];
  if (!CHANNEL_NAME.test(config.channel)) {
    problems.push(`channel "${config.channel}" is not a valid channel name`);
  }
  if (!Number.isInteger(config.basePort) || config.basePort < 1024) {
    problems.push(`basePort must be an integer >= 1024, got ${String(config.basePort)}`);
  } else if (config.basePort + portSpan(config) > 65535) {
    problems.push(`basePort ${config.basePort} leaves no room for ${portSpan(config)} ports`);
  }
  if (!Number.isInteger(config.orderers) || config.orderers < 1 || config.orderers > MAX_ORDERERS) {
    problems.push(`orderers must be 1 to ${MAX_ORDERERS}, got ${String(config.orderers)}`);
  }
  const founding = config.members.filter(isFounding);
  if (founding.length < 2) problems.push('at least two founding member orgs are needed');
  const orgs = [...config.members, config.ordererOrg];
  for (const org of orgs) {
    if (!ORG_NAME.test(org.name)) problems.push(`org name "${org.name}" must match ${ORG_NAME.source}`);
    if (!MSP_ID.test(org.mspId)) problems.push(`MSP id "${org.mspId}" must match ${MSP_ID.source}`);
  }
  for (const key of ['name', 'mspId'] as const) {
    const seen = orgs.map((org) => org[key]);
    const dupes = seen.filter((item, index) => seen.indexOf(item) !== index);
    if (dupes.length > 0) problems.push(`duplicate org ${key}: ${dupes.join(', ')}`);
  }
  problems.push(...hostProblems(config), ...charterProblems(config), ...batchProblems(config.batch));
  const endorsing = config.chaincode.endorsingOrgs;
  if (!Number.isInteger(endorsing) || endorsing < 1 || endorsing > founding.length) {
    problems.push(`chaincode.endorsingOrgs must be 1 to ${founding.length} (the founding members)`);
  }
  if (problems.length > 0) throw new ConfigError(problems.join('; '));
  return config;
}

function hostProblems(config: ConsortiumConfig): string[] {
  const problems: string[] = [];
  const advertised = (where: string, value: unknown, optional = true): void => {
    if ((value !== undefined || !optional) && !isHost(value)) {
      problems.push(`${where} must be ${HOST_RULE} others can reach, got ${JSON.stringify(value)}`);
    }
  };
  const listen = (where: string, value: unknown): void => {
    if (value !== undefined && !isListenHost(value)) {
      problems.push(`${where} must be ${HOST_RULE} or 0.0.0.0, got ${JSON.stringify(value)}`);
    }
  };
  advertised('host', config.host, false);
  listen('listenHost', config.listenHost);
  for (const org of [...config.members, config.ordererOrg]) {
    advertised(`${org.name}.host`, org.host);
    listen(`${org.name}.listenHost`, org.listenHost);
  }
  const { hosts } = config.ordererOrg;
  if (hosts !== undefined) {
    if (!Array.isArray(hosts) || hosts.length < config.orderers) {
      problems.push(`${config.ordererOrg.name}.hosts must list one host per orderer (${config.orderers})`);
    } else {
      hosts.forEach((host, index) => {
        advertised(`${config.ordererOrg.name}.hosts[${index}]`, host);
      });
    }
  }
  return problems;
}

const BATCH_RULES: { [K in keyof BatchConfig]-?: (value: unknown) => string | undefined } = {
  timeout: (value) =>
    typeof value === 'string' && /^\d+(ms|s)$/.test(value)
      ? undefined
      : `must look like 250ms or 2s, got ${JSON.stringify(value)}`,
  maxMessageCount: (value) =>
    Number.isInteger(value) && (value as number) >= 1
      ? undefined
      : `must be a whole number >= 1, got ${JSON.stringify(value)}`,
  preferredMaxBytes: (value) =>
    typeof value === 'string' && /^\d+ ?(KB|MB)$/.test(value)
      ? undefined
      : `must look like 512 KB or 2 MB, got ${JSON.stringify(value)}`,
};

/** Why one batch setting is not one Fabric understands, or undefined if it is. */
export function batchProblem<K extends keyof BatchConfig>(field: K, value: unknown): string | undefined {
  return BATCH_RULES[field](value);
}

function batchProblems(batch: BatchConfig | undefined): string[] {
  if (batch === undefined) return [];
  return (Object.keys(BATCH_RULES) as (keyof BatchConfig)[]).flatMap((field) => {
    const problem = batch[field] === undefined ? undefined : batchProblem(field, batch[field]);
    return problem === undefined ? [] : [`batch.${field} ${problem}`];
  });
}

function charterProblems(config: ConsortiumConfig): string[] {
  const problems: string[] = [];
  for (const org of config.members) {
    if (org.founding !== undefined && typeof org.founding !== 'boolean') {
      problems.push(`member ${org.name}: "founding" must be true or false`);
    }
    const kinds: readonly string[] = Array.isArray(org.kinds) ? org.kinds : [];
    if (kinds.length === 0 || kinds.some((kind) => !(ENTERPRISE_KINDS as readonly string[]).includes(kind))) {
      problems.push(`member ${org.name} needs "kinds": a non-empty list of ${ENTERPRISE_KINDS.join(', ')}`);
    }
  }
  const charter = config.charter as Partial<CharterConfig> | undefined;
  const publishers = Array.isArray(charter?.ratePublishers) ? charter.ratePublishers : [];
  // The founding charter names the founding members only; a joining org enters it by amendment.
  const mspIds = config.members.filter(isFounding).map((org) => org.mspId);
  if (publishers.length === 0 || publishers.some((mspId) => !mspIds.includes(mspId))) {
    problems.push('charter.ratePublishers must list one or more founding member MSP ids');
  }
  const quorum = charter?.rateQuorum;
  if (!Number.isInteger(quorum) || (quorum ?? 0) < 1 || (quorum ?? 0) > publishers.length) {
    problems.push(`charter.rateQuorum must be 1 to ${publishers.length} (the number of rate publishers)`);
  }
  return problems;
}

/** A plan as saved in a state folder: one saved before the charter lacks member kinds and the charter. */
export type SavedPlan = Omit<ConsortiumConfig, 'members' | 'charter'> & {
  members: (OrgConfig & { kinds?: EnterpriseKind[] })[];
  charter?: CharterConfig;
};

/**
 * A plan saved before the charter existed lacks member kinds and the charter section: they come from
 * the config file (matched by MSP id), since they do not change ports, certificates or blocks.
 */
export function completePlan(saved: SavedPlan, file = DEFAULT_CONFIG_FILE): ConsortiumConfig {
  const { charter } = saved;
  const members = saved.members.filter((org): org is MemberConfig => Array.isArray(org.kinds));
  if (charter && members.length === saved.members.length) return { ...saved, members, charter };
  const current = loadConfig(file);
  const kindsOf = (mspId: string): EnterpriseKind[] =>
    current.members.find((org) => org.mspId === mspId)?.kinds ?? [];
  return {
    ...saved,
    members: saved.members.map((org) => ({ ...org, kinds: org.kinds ?? kindsOf(org.mspId) })),
    charter: charter ?? current.charter,
  };
}

export function portSpan(config: Pick<ConsortiumConfig, 'members'>): number {
  return config.members.length * MEMBER_PORT_BLOCK + ORDERER_PORT_BLOCK;
}
