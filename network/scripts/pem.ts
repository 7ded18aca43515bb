import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n[A-Za-z0-9+/=\r\n]+?-----END \1-----/g;

/** Whether text holds a private key in any PEM flavour (PKCS#8, SEC1 EC, RSA, encrypted). */
export function hasPrivateKey(text: string): boolean {
  return text.includes('PRIVATE KEY');
}

/**
 * The single X.509 certificate a PEM text holds, parsed; throws with a reason if the text holds
 * anything else, several blocks, or a certificate that does not parse.
 */
export function parseCertificate(pem: string): X509Certificate {
  const blocks = [...pem.matchAll(BLOCK)];
  if (blocks.length !== 1 || blocks[0]?.[1] !== 'CERTIFICATE') {
    throw new Error('must hold exactly one PEM "CERTIFICATE" block');
  }
  if (pem.replace(BLOCK, '').trim() !== '') throw new Error('holds text outside its PEM block');
  try {
    return new X509Certificate(pem);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`is not an X.509 certificate (${reason})`, { cause: error });
  }
}

/** Whether `cert` was issued and signed by `issuer`. */
export function issuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
}

/**
 * Whether `cert` names `host` (an IPv4 address or a DNS name) among its subject alternative names.
 * Node's checkIP throws on anything but an IP address, so each kind of host gets its own check.
 */
export function namesHost(cert: X509Certificate, host: string): boolean {
  return isIP(host) === 0 ? cert.checkHost(host) !== undefined : cert.checkIP(host) !== undefined;
}
