import { readFileSync } from 'node:fs';
import type { X509Certificate } from 'node:crypto';
import { ENTERPRISE_KINDS, MSP_ID, ORG_NAME, type EnterpriseKind } from './config.ts';
import { endpoint, HOST_RULE, isHost, isPort } from './hosts.ts';
import { hasPrivateKey, issuedBy, namesHost, parseCertificate } from './pem.ts';
import { PublicFileError, writePublicJson } from './public-file.ts';

/**
 * The public definition of one org: all that other orgs need to put it into a channel, and nothing
 * secret. Version 1 means an MSP with Fabric CA's NodeOUs (client, peer, admin, orderer), so admins
 * are told apart by the OU of their certificate, not listed in the channel config (admincerts).
 */
export const DEFINITION_FORMAT = 'scf-org-definition/1';

export interface Endpoint {
  host: string;
  port: number;
}

/** One Raft consenter: where the others dial it, and the TLS certificate it serves and dials with. */
export interface OrdererEndpoint extends Endpoint {
  name: string;
  tlsCertPem: string;
}

interface DefinitionBase {
  format: typeof DEFINITION_FORMAT;
  name: string;
  mspId: string;
  description: string;
  /** The root CA of the org's identities (the channel MSP's cacerts). */
  caCertPem: string;
  /** The root CA of the org's TLS certificates (tlscacerts). */
  tlsCaCertPem: string;
  /** The org admins' enrollment certificates: whose signatures count as the org's. */
  adminCertPems: string[];
}

export interface MemberDefinition extends DefinitionBase {
  role: 'member';
  /** Enterprise kinds the charter lets the org host. */
  kinds: EnterpriseKind[];
  anchorPeers: Endpoint[];
}

export interface OrdererOrgDefinition extends DefinitionBase {
  role: 'orderer';
  orderers: OrdererEndpoint[];
}

export type OrgDefinition = MemberDefinition | OrdererOrgDefinition;

/** A definition file that is not a valid public org definition: names the file and the field. */
export class DefinitionError extends PublicFileError {}

const COMMON_FIELDS = [
  'format',
  'name',
  'mspId',
  'role',
  'description',
  'caCertPem',
  'tlsCaCertPem',
  'adminCertPems',
];
const ROLE_FIELDS = { member: ['kinds', 'anchorPeers'], orderer: ['orderers'] } as const;
export const NODE_NAME = /^[a-z][a-z0-9-]{0,62}$/;
const DOCUMENT = '(document)';

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every string inside `value` with its path (`orderers[1].tlsCertPem`), for the private key scan. */
function strings(value: unknown, path: string): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => strings(item, `${path}[${index}]`));
  if (isObject(value)) {
    return Object.entries(value).flatMap(([key, item]) => strings(item, path ? `${path}.${key}` : key));
  }
  return [];
}

/** Validates one document against the format; `file` names it in errors. */
class DefinitionReader {
  private readonly file: string;
  readonly raw: Fields;

  constructor(file: string, raw: Fields) {
    this.file = file;
    this.raw = raw;
  }

  fail(field: string, reason: string): never {
    throw new DefinitionError(this.file, field, reason);
  }

  exactFields(value: Fields, allowed: readonly string[], path: string): void {
    const extra = Object.keys(value).find((key) => !allowed.includes(key));
    if (extra !== undefined)
      this.fail(path ? `${path}.${extra}` : extra, `is not part of ${DEFINITION_FORMAT}`);
  }

  text(field: string, rule?: RegExp): string {
    const value = this.raw[field];
    if (typeof value !== 'string' || (rule && !rule.test(value))) {
      this.fail(
        field,
        `must be a string${rule ? ` matching ${rule.source}` : ''}, got ${JSON.stringify(value)}`,
      );
    }
    return value;
  }

  list(value: unknown, field: string): unknown[] {
    if (!Array.isArray(value) || value.length === 0) this.fail(field, 'must be a non-empty list');
    return value;
  }

  certificate(value: unknown, field: string): X509Certificate {
    if (typeof value !== 'string') this.fail(field, 'must be a PEM string');
    try {
      return parseCertificate(value);
    } catch (error) {
      return this.fail(field, error instanceof Error ? error.message : String(error));
    }
  }

  caCertificate(field: string): X509Certificate {
    const cert = this.certificate(this.raw[field], field);
    if (!cert.ca) this.fail(field, 'is not a CA certificate');
    return cert;
  }

  endpoint(value: unknown, path: string, extra: readonly string[] = []): Endpoint {
    if (!isObject(value)) this.fail(path, 'must be an object with "host" and "port"');
    this.exactFields(value, ['host', 'port', ...extra], path);
    const { host, port } = value;
    if (!isHost(host)) {
      this.fail(`${path}.host`, `must be ${HOST_RULE}, got ${JSON.stringify(host)}`);
    }
    if (!isPort(port)) {
      this.fail(`${path}.port`, `must be an integer from 1 to 65535, got ${JSON.stringify(port)}`);
    }
    return { host, port };
  }
}

function memberFields(
  reader: DefinitionReader,
  raw: Fields,
): Pick<MemberDefinition, 'kinds' | 'anchorPeers'> {
  const kinds = reader.list(raw.kinds, 'kinds');
  kinds.forEach((kind, index) => {
    if (!(ENTERPRISE_KINDS as readonly unknown[]).includes(kind)) {
      reader.fail(
        `kinds[${index}]`,
        `must be one of ${ENTERPRISE_KINDS.join(', ')}, got ${JSON.stringify(kind)}`,
      );
    }
    if (kinds.indexOf(kind) !== index) reader.fail(`kinds[${index}]`, 'is listed twice');
  });
  const anchorPeers = reader
    .list(raw.anchorPeers, 'anchorPeers')
    .map((peer, index) => reader.endpoint(peer, `anchorPeers[${index}]`));
  return { kinds: kinds as EnterpriseKind[], anchorPeers };
}

function ordererFields(reader: DefinitionReader, raw: Fields, tlsCa: X509Certificate): OrdererEndpoint[] {
  const names = new Set<string>();
  return reader.list(raw.orderers, 'orderers').map((node, index): OrdererEndpoint => {
    const path = `orderers[${index}]`;
    const { host, port } = reader.endpoint(node, path, ['name', 'tlsCertPem']);
    const { name, tlsCertPem } = node as Fields;
    if (typeof name !== 'string' || !NODE_NAME.test(name) || names.has(name)) {
      reader.fail(
        `${path}.name`,
        `must be a unique name matching ${NODE_NAME.source}, got ${JSON.stringify(name)}`,
      );
    }
    names.add(name);
    const cert = reader.certificate(tlsCertPem, `${path}.tlsCertPem`);
    if (!issuedBy(cert, tlsCa)) reader.fail(`${path}.tlsCertPem`, 'is not issued by tlsCaCertPem');
    if (!namesHost(cert, host)) {
      reader.fail(`${path}.tlsCertPem`, `does not name the orderer's host ${host}`);
    }
    return { name, host, port, tlsCertPem: tlsCertPem as string };
  });
}

function assertDistinctEndpoints(reader: DefinitionReader, definition: OrgDefinition): void {
  const field = definition.role === 'member' ? 'anchorPeers' : 'orderers';
  const list: Endpoint[] = definition.role === 'member' ? definition.anchorPeers : definition.orderers;
  const seen = list.map((item) => endpoint(item.host, item.port));
  const twice = seen.findIndex((item, index) => seen.indexOf(item) !== index);
  if (twice >= 0) reader.fail(`${field}[${twice}]`, `repeats the endpoint ${String(seen[twice])}`);
}

/**
 * Checks a parsed definition document strictly and returns it typed: the format, no private key
 * anywhere, names and MSP id by the config's rules, every PEM one X.509 certificate (CA roots are CA
 * certificates; admin and consenter certificates are issued by them), hosts and ports dialable.
 */
export function parseOrgDefinition(raw: unknown, file: string): OrgDefinition {
  if (!isObject(raw)) throw new DefinitionError(file, DOCUMENT, 'must be a JSON object');
  // Typed explicitly: TypeScript narrows after `reader.fail` (never) only then.
  const reader: DefinitionReader = new DefinitionReader(file, raw);
  const secret = strings(raw, '').find(([, text]) => hasPrivateKey(text));
  if (secret) reader.fail(secret[0], 'holds private key material: an org definition must be public');
  if (raw.format !== DEFINITION_FORMAT) {
    reader.fail('format', `must be "${DEFINITION_FORMAT}", got ${JSON.stringify(raw.format)}`);
  }
  const role = raw.role;
  if (role !== 'member' && role !== 'orderer') {
    reader.fail('role', `must be "member" or "orderer", got ${JSON.stringify(role)}`);
  }
  reader.exactFields(raw, [...COMMON_FIELDS, ...ROLE_FIELDS[role]], '');
  const ca = reader.caCertificate('caCertPem');
  const tlsCa = reader.caCertificate('tlsCaCertPem');
  const adminCertPems = reader.list(raw.adminCertPems, 'adminCertPems').map((pem, index) => {
    const field = `adminCertPems[${index}]`;
    const cert = reader.certificate(pem, field);
    if (!issuedBy(cert, ca)) reader.fail(field, 'is not issued by caCertPem');
    if (!cert.subject.split('\n').includes('OU=admin')) reader.fail(field, 'is not an admin (no OU=admin)');
    return pem as string;
  });
  const name = reader.text('name', ORG_NAME);
  const mspId = reader.text('mspId', MSP_ID);
  const description = reader.text('description');
  const pems = {
    caCertPem: raw.caCertPem as string,
    tlsCaCertPem: raw.tlsCaCertPem as string,
    adminCertPems,
  };
  const head = { format: DEFINITION_FORMAT, name, mspId } as const;
  const definition: OrgDefinition =
    role === 'member'
      ? { ...head, role, description, ...pems, ...memberFields(reader, raw) }
      : { ...head, role, description, ...pems, orderers: ordererFields(reader, raw, tlsCa) };
  assertDistinctEndpoints(reader, definition);
  return definition;
}

/** Reads and validates a definition file. */
export function readOrgDefinition(file: string): OrgDefinition {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DefinitionError(file, DOCUMENT, `cannot be read: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new DefinitionError(file, DOCUMENT, `is not JSON: ${(error as Error).message}`);
  }
  const definition = parseOrgDefinition(raw, file);
  // Parsing looked at every value; a key could still smuggle one in.
  if (hasPrivateKey(text)) throw new DefinitionError(file, DOCUMENT, 'holds private key material');
  return definition;
}

/** Validates and writes a definition, readable by everyone (mode 644): it is public by design. */
export function writeOrgDefinition(file: string, definition: OrgDefinition): void {
  writePublicJson(file, parseOrgDefinition(definition, file));
}
