import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeMspFolder } from '../scripts/msp-folder.ts';
import {
  DEFINITION_FORMAT,
  DefinitionError,
  parseOrgDefinition,
  readOrgDefinition,
  writeOrgDefinition,
  type MemberDefinition,
  type OrdererOrgDefinition,
} from '../scripts/org-definition.ts';
import { makeTestCa, type TestCa } from './support/test-pki.ts';

let bank: TestCa;
let orderer: TestCa;
let stranger: TestCa;
let adminKeyPem: string;
/** Certificates issued once: openssl takes some 20 ms per certificate. */
const issued = new Map<string, string>();

beforeAll(() => {
  bank = makeTestCa('banka');
  orderer = makeTestCa('orderer');
  stranger = makeTestCa('stranger');
  const admin = bank.issue('admin', { ou: 'admin' });
  adminKeyPem = admin.keyPem;
  issued.set('bank-admin', admin.certPem);
  issued.set('bank-admin2', bank.issue('admin2', { ou: 'admin' }).certPem);
  issued.set('orderer-admin', orderer.issue('admin', { ou: 'admin' }).certPem);
  issued.set('orderer0', orderer.issue('orderer0', { hosts: ['10.20.0.10', 'orderer0'] }).certPem);
  issued.set('orderer1', orderer.issue('orderer1', { hosts: ['orderer1.example.com', 'orderer1'] }).certPem);
});

const cert = (name: string): string => issued.get(name) ?? '';

function member(): MemberDefinition {
  return {
    format: DEFINITION_FORMAT,
    name: 'banka',
    mspId: 'BankAMSP',
    role: 'member',
    description: 'bank A',
    caCertPem: bank.certPem,
    tlsCaCertPem: bank.certPem,
    adminCertPems: [cert('bank-admin')],
    kinds: ['BANK'],
    anchorPeers: [{ host: 'peer0.banka.example.com', port: 7022 }],
  };
}

function ordererOrg(): OrdererOrgDefinition {
  return {
    format: DEFINITION_FORMAT,
    name: 'orderer',
    mspId: 'OrdererMSP',
    role: 'orderer',
    description: 'ordering service',
    caCertPem: orderer.certPem,
    tlsCaCertPem: orderer.certPem,
    adminCertPems: [cert('orderer-admin')],
    orderers: [
      { name: 'orderer0', host: '10.20.0.10', port: 7052, tlsCertPem: cert('orderer0') },
      { name: 'orderer1', host: 'orderer1.example.com', port: 7055, tlsCertPem: cert('orderer1') },
    ],
  };
}

function tempFile(name: string): string {
  return join(mkdtempSync(join(tmpdir(), 'scf-definition-')), name);
}

/** The DefinitionError parsing `raw` throws, for its field. */
function errorOf(raw: unknown): DefinitionError {
  try {
    parseOrgDefinition(raw, 'banka.json');
  } catch (error) {
    if (error instanceof DefinitionError) return error;
    throw error;
  }
  throw new Error('no DefinitionError thrown');
}

describe('org definition', () => {
  it('round-trips a member and an orderer org through a public (644) file holding no key', () => {
    for (const definition of [member(), ordererOrg()]) {
      const file = tempFile(`${definition.name}.json`);
      writeOrgDefinition(file, definition);
      expect(statSync(file).mode & 0o777).toBe(0o644);
      expect(readFileSync(file, 'utf8')).not.toContain('PRIVATE KEY');
      expect(readOrgDefinition(file)).toEqual(definition);
    }
  });

  it.each<[string, (raw: Record<string, unknown>) => void, string, RegExp]>([
    [
      'an unknown format',
      (raw) => (raw.format = 'scf-org-definition/2'),
      'format',
      /must be "scf-org-definition\/1"/,
    ],
    [
      'a PEM that is not a certificate',
      (raw) => (raw.caCertPem = 'not a pem'),
      'caCertPem',
      /one PEM "CERTIFICATE"/,
    ],
    [
      'a corrupt certificate',
      (raw) => (raw.tlsCaCertPem = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'),
      'tlsCaCertPem',
      /not an X.509 certificate/,
    ],
    [
      'a private key',
      (raw) => ((raw.adminCertPems as string[])[1] = adminKeyPem),
      'adminCertPems[1]',
      /private key/,
    ],
    [
      'a private key anywhere',
      (raw) => (raw.description = 'BEGIN PRIVATE KEY'),
      'description',
      /private key/,
    ],
    ['a leaf as CA', (raw) => (raw.caCertPem = (raw.adminCertPems as string[])[0]), 'caCertPem', /not a CA/],
    [
      'an admin of another CA',
      (raw) => (raw.adminCertPems = [stranger.issue('admin', { ou: 'admin' }).certPem]),
      'adminCertPems[0]',
      /not issued by caCertPem/,
    ],
    [
      'an admin without the admin OU',
      (raw) => (raw.adminCertPems = [bank.issue('clerk', { ou: 'client' }).certPem]),
      'adminCertPems[0]',
      /OU=admin/,
    ],
    [
      'a bad host',
      (raw) => (raw.anchorPeers = [{ host: 'peer_0!', port: 7022 }]),
      'anchorPeers[0].host',
      /DNS name/,
    ],
    [
      'a wildcard host',
      (raw) => (raw.anchorPeers = [{ host: '0.0.0.0', port: 7022 }]),
      'anchorPeers[0].host',
      /DNS/,
    ],
    [
      'port 0',
      (raw) => (raw.anchorPeers = [{ host: 'a.example', port: 0 }]),
      'anchorPeers[0].port',
      /1 to 65535/,
    ],
    [
      'port 65536',
      (raw) => (raw.anchorPeers = [{ host: 'a.example', port: 65536 }]),
      'anchorPeers[0].port',
      /1 to/,
    ],
    [
      'a fractional port',
      (raw) => (raw.anchorPeers = [{ host: 'a.example', port: 7.5 }]),
      'anchorPeers[0].port',
      /integer/,
    ],
    ['a kind the ledger lacks', (raw) => (raw.kinds = ['BANK', 'BROKER']), 'kinds[1]', /must be one of CORE/],
    ['no kinds', (raw) => (raw.kinds = []), 'kinds', /non-empty list/],
    ['a bad MSP id', (raw) => (raw.mspId = 'BankA'), 'mspId', /MSP\$/],
    ['a bad name', (raw) => (raw.name = 'Bank A'), 'name', /must be a string matching/],
    ['an unknown role', (raw) => (raw.role = 'observer'), 'role', /"member" or "orderer"/],
    ['an unknown field', (raw) => (raw.secretKey = 'x'), 'secretKey', /not part of scf-org-definition\/1/],
    ['an orderer field on a member', (raw) => (raw.orderers = []), 'orderers', /not part of/],
  ])('refuses %s, naming the field', (_, mutate, field, message) => {
    const raw = structuredClone(member()) as unknown as Record<string, unknown>;
    (raw.adminCertPems as string[]).push(cert('bank-admin2'));
    mutate(raw);
    const error = errorOf(raw);
    expect(error.field).toBe(field);
    expect(error.file).toBe('banka.json');
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(new RegExp(`^banka\\.json: ${field.replace(/[[\].]/g, '\\$&')} `));
  });

  it('refuses orderers whose TLS certificate is not from the TLS CA or does not name their host', () => {
    const foreign = ordererOrg();
    (foreign.orderers[1] as { tlsCertPem: string }).tlsCertPem = stranger.issue('orderer1', {
      hosts: ['orderer1.example.com'],
    }).certPem;
    expect(errorOf(foreign).field).toBe('orderers[1].tlsCertPem');
    const moved = ordererOrg();
    (moved.orderers[0] as { host: string }).host = '10.20.0.99';
    expect(errorOf(moved).message).toMatch(
      /orderers\[0\].tlsCertPem does not name the orderer's host 10.20.0.99/,
    );
    const twice = ordererOrg();
    (twice.orderers[1] as { name: string }).name = 'orderer0';
    expect(errorOf(twice).field).toBe('orderers[1].name');
  });

  it('refuses a file that is not JSON, naming the file', () => {
    const file = tempFile('broken.json');
    writeFileSync(file, '{ "format": ');
    expect(() => readOrgDefinition(file)).toThrow(DefinitionError);
    expect(() => readOrgDefinition(file)).toThrow(new RegExp(`${file}: \\(document\\) is not JSON`));
  });

  it('never writes an invalid definition', () => {
    const file = tempFile('bad.json');
    expect(() => {
      writeOrgDefinition(file, { ...member(), kinds: [] });
    }).toThrow(DefinitionError);
    expect(existsSync(file)).toBe(false);
  });

  it('writes the MSP folder configtxgen reads: the roots and NodeOUs, no admincerts', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'scf-msp-')), 'msp');
    writeMspFolder(member(), dir);
    expect(readFileSync(join(dir, 'cacerts', 'ca.pem'), 'utf8')).toBe(bank.certPem);
    expect(readFileSync(join(dir, 'tlscacerts', 'ca.pem'), 'utf8')).toBe(bank.certPem);
    const config = parse(readFileSync(join(dir, 'config.yaml'), 'utf8')) as {
      NodeOUs: Record<string, { OrganizationalUnitIdentifier?: string } | boolean>;
    };
    expect(config.NodeOUs.Enable).toBe(true);
    expect(config.NodeOUs.AdminOUIdentifier).toEqual({
      Certificate: 'cacerts/ca.pem',
      OrganizationalUnitIdentifier: 'admin',
    });
    expect(existsSync(join(dir, 'admincerts'))).toBe(false);
  });
});
