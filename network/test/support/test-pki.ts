import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway certificate authority made with openssl (P-256 keys, valid for two days). */
export interface TestCa {
  certPem: string;
  /** A certificate this CA issues: `ou` goes into the subject, `hosts` into the SANs. */
  issue: (name: string, options?: { ou?: string; hosts?: string[] }) => { certPem: string; keyPem: string };
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export function makeTestCa(name: string): TestCa {
  const dir = mkdtempSync(join(tmpdir(), `scf-pki-${name}-`));
  openssl(dir, [
    'req',
    '-x509',
    ...EC,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    `/O=${name}/CN=ca-${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  const issue: TestCa['issue'] = (leaf, options = {}) => {
    const subject = `/O=${name}${options.ou ? `/OU=${options.ou}` : ''}/CN=${leaf}`;
    openssl(dir, ['req', '-new', ...EC, '-keyout', `${leaf}.key`, '-out', `${leaf}.csr`, '-subj', subject]);
    const sans = (options.hosts ?? []).map((host) =>
      /^[\d.]+$|:/.test(host) ? `IP:${host}` : `DNS:${host}`,
    );
    writeFileSync(
      join(dir, `${leaf}.ext`),
      `basicConstraints=CA:FALSE\n${sans.length > 0 ? `subjectAltName=${sans.join(',')}\n` : ''}`,
    );
    openssl(dir, [
      'x509',
      '-req',
      '-in',
      `${leaf}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${leaf}.pem`,
      '-days',
      '2',
      '-extfile',
      `${leaf}.ext`,
    ]);
    return {
      certPem: readFileSync(join(dir, `${leaf}.pem`), 'utf8'),
      keyPem: readFileSync(join(dir, `${leaf}.key`), 'utf8'),
    };
  };
  return { certPem: readFileSync(join(dir, 'ca.pem'), 'utf8'), issue };
}
