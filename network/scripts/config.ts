import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
}

export interface ConsortiumConfig {
  channel: string;
  host: string;
  basePort: number;
  orderers: number;
  ordererOrg: OrgConfig;
  members: OrgConfig[];
  chaincode: { name: string; endorsingOrgs: number };
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
  });
}

function parseConfig(raw: unknown, file: string): ConsortiumConfig {
  const value = raw as Partial<ConsortiumConfig> | null;
  if (value === null || typeof value !== 'object' || !Array.isArray(value.members) || !value.ordererOrg) {
    throw new ConfigError(`${file}: expected an object with "members" and "ordererOrg"`);
  }
  return value as ConsortiumConfig;
}

const NAME = /^[a-z][a-z0-9]{0,19}$/;
const MSP_ID = /^[A-Za-z][A-Za-z0-9]{0,39}MSP$/;
const CHANNEL = /^[a-z][a-z0-9.-]{0,48}$/;

export function validateConfig(config: ConsortiumConfig): ConsortiumConfig {
  const problems: string[] = [];
  if (!CHANNEL.test(config.channel)) problems.push(`channel "${config.channel}" is not a valid channel name`);
  if (!Number.isInteger(config.basePort) || config.basePort < 1024) {
    problems.push(`basePort must be an integer >= 1024, got ${String(config.basePort)}`);
  } else if (config.basePort + portSpan(config) > 65535) {
    problems.push(`basePort ${config.basePort} leaves no room for ${portSpan(config)} ports`);
  }
  if (!Number.isInteger(config.orderers) || config.orderers < 1 || config.orderers > MAX_ORDERERS) {
    problems.push(`orderers must be 1 to ${MAX_ORDERERS}, got ${String(config.orderers)}`);
  }
  if (config.members.length < 2) problems.push('at least two member orgs are needed');
  const orgs = [...config.members, config.ordererOrg];
  for (const org of orgs) {
    if (!NAME.test(org.name)) problems.push(`org name "${org.name}" must match ${NAME.source}`);
    if (!MSP_ID.test(org.mspId)) problems.push(`MSP id "${org.mspId}" must match ${MSP_ID.source}`);
  }
  for (const key of ['name', 'mspId'] as const) {
    const seen = orgs.map((org) => org[key]);
    const dupes = seen.filter((item, index) => seen.indexOf(item) !== index);
    if (dupes.length > 0) problems.push(`duplicate org ${key}: ${dupes.join(', ')}`);
  }
  const endorsing = config.chaincode.endorsingOrgs;
  if (!Number.isInteger(endorsing) || endorsing < 1 || endorsing > config.members.length) {
    problems.push(`chaincode.endorsingOrgs must be 1 to ${config.members.length}`);
  }
  if (problems.length > 0) throw new ConfigError(problems.join('; '));
  return config;
}

export function portSpan(config: Pick<ConsortiumConfig, 'members'>): number {
  return config.members.length * MEMBER_PORT_BLOCK + ORDERER_PORT_BLOCK;
}
