import { generateKeyPairSync, sign, X509Certificate } from 'node:crypto';

/**
 * Just enough DER to make and read Fabric-style enrollment certificates in tests, without a library:
 * a self-signed P-256 certificate that carries Fabric CA's attribute extension, and a reader for
 * that extension in a real CA's certificate.
 */

/** Fabric CA's certificate extension holding `{"attrs":{...}}` as JSON. */
const FABRIC_ATTRS_OID = '1.2.3.4.5.6.7.8.1';

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
const sequence = (...items: Buffer[]): Buffer => tlv(0x30, ...items);

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let value = arc >> 7; value > 0; value >>= 7) chunk.unshift(0x80 | (value & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

const utcTime = (date: Date): Buffer =>
  tlv(0x17, Buffer.from(`${date.toISOString().slice(2, 19).replace(/[-:T]/g, '')}Z`, 'ascii'));
const commonName = (cn: string): Buffer =>
  sequence(tlv(0x31, sequence(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn, 'utf8')))));

export interface TestEnrollment {
  certificatePem: string;
  privateKeyPem: string;
}

/** A self-signed ECDSA P-256 certificate for `cn` with Fabric's attribute extension, and its key. */
export function selfSignedCertificate(cn: string, attrs: Record<string, string>): TestEnrollment {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecdsaWithSha256 = sequence(oid('1.2.840.10045.4.3.2'));
  const now = Date.now();
  const extension = sequence(
    oid(FABRIC_ATTRS_OID),
    tlv(0x04, Buffer.from(JSON.stringify({ attrs }), 'utf8')),
  );
  const tbs = sequence(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, Buffer.from([1])),
    ecdsaWithSha256,
    commonName(cn),
    sequence(utcTime(new Date(now - 60_000)), utcTime(new Date(now + 86_400_000))),
    commonName(cn),
    publicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, sequence(extension)),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, ecdsaWithSha256, tlv(0x03, Buffer.from([0]), signature));
  const base64 = der.toString('base64').replace(/.{64}/g, '$&\n');
  return {
    certificatePem: `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** The attributes Fabric CA put in a certificate (scf.enterpriseId, scf.role, hf.*), or {} when none. */
export function certificateAttributes(certificatePem: string): Record<string, string> {
  const der = new X509Certificate(certificatePem).raw;
  const at = der.indexOf(oid(FABRIC_ATTRS_OID));
  if (at < 0) return {};
  let next = at + oid(FABRIC_ATTRS_OID).length;
  if (der[next] === 0x01) next += 3; // the optional `critical` BOOLEAN
  if (der[next] !== 0x04) throw new Error('the attribute extension holds no OCTET STRING');
  const header = der[next + 1] ?? 0;
  const lengthBytes = header & 0x80 ? header & 0x7f : 0;
  const size = lengthBytes ? der.readUIntBE(next + 2, lengthBytes) : header;
  const start = next + 2 + lengthBytes;
  const parsed = JSON.parse(der.subarray(start, start + size).toString('utf8')) as {
    attrs?: Record<string, string>;
  };
  return parsed.attrs ?? {};
}
