import { X509Certificate } from 'node:crypto';
import { endpoint, HOST_RULE, isHost, isPort } from './hosts.ts';
import { NODE_NAME, type OrdererEndpoint } from './org-definition.ts';
import { namesHost, parseCertificate } from './pem.ts';

/**
 * Whether a consenter's TLS certificate names the orderer `name`: Fabric CA enrolls each orderer
 * under its name (the subject's CN) and lists the name among its hosts (hosts.ts: tlsHostNames).
 * The channel config keeps no names of consenters, only their certificates, so this is how a
 * signer checks, from the channel alone, which orderer a statement means.
 */
export function certNames(certPem: string, name: string): boolean {
  try {
    return new X509Certificate(certPem).checkHost(name, { subject: 'always' }) !== undefined;
  } catch {
    return false;
  }
}

type Fail = (field: string, reason: string) => never;

const CONSENTER_FIELDS = ['name', 'host', 'port', 'tlsCertPem'];

/** An orderer's name as an orderer definition names it: `orderer2`. */
export function consenterName(value: unknown, field: string, fail: Fail): string {
  if (typeof value !== 'string' || !NODE_NAME.test(value)) {
    fail(field, `must be an orderer name matching ${NODE_NAME.source}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * A consenter as a statement carries it (the ordering org's definition's entry for the orderer):
 * its name, where the others dial it, and one TLS certificate that names both its host and its name.
 * `field` is where it sits (`consenter`); faults name the field below it.
 */
export function parseConsenter(raw: unknown, field: string, fail: Fail): OrdererEndpoint {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    fail(field, `must be an object with ${CONSENTER_FIELDS.join(', ')}`);
  }
  const fields = raw as Record<string, unknown>;
  const extra = Object.keys(fields).find((key) => !CONSENTER_FIELDS.includes(key));
  if (extra !== undefined) fail(`${field}.${extra}`, 'is not part of a consenter');
  const name = consenterName(fields.name, `${field}.name`, fail);
  const { host, port, tlsCertPem } = fields;
  if (!isHost(host)) fail(`${field}.host`, `must be ${HOST_RULE}, got ${JSON.stringify(host)}`);
  if (!isPort(port)) fail(`${field}.port`, `must be an integer from 1 to 65535, got ${JSON.stringify(port)}`);
  if (typeof tlsCertPem !== 'string') fail(`${field}.tlsCertPem`, 'must be a PEM certificate');
  let cert: X509Certificate;
  try {
    cert = parseCertificate(tlsCertPem);
  } catch (error) {
    fail(`${field}.tlsCertPem`, (error as Error).message);
  }
  if (!namesHost(cert, host)) {
    fail(`${field}.tlsCertPem`, `does not name the consenter's host ${endpoint(host, port)}`);
  }
  if (!certNames(tlsCertPem, name)) fail(`${field}.tlsCertPem`, `does not name the orderer "${name}"`);
  return { name, host, port, tlsCertPem };
}
