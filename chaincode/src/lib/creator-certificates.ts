import { loadedByShim } from './shim-dependency';

/** How many parsed certificates are kept: a node's users, several times over. */
export const KEPT_CERTIFICATES = 256;

/**
 * Set on the patched class itself, not in this module: a second copy of this module (a bundle and
 * its tests, or test files sharing one process) must not wrap the cache in another one.
 */
const PATCHED: unique symbol = Symbol.for('scf.reuseParsedCertificates');

interface CertificateClass {
  fromPEM(data: Buffer | string): object;
  [PATCHED]?: true;
}

/**
 * fabric-shim builds each transaction's client identity by parsing the creator's certificate with
 * @fidm/x509 (ASN.1 and all), about 7 % of a chaincode server's CPU under load, though an org's few
 * users send the same certificates again and again. This keeps the last KEPT_CERTIFICATES parsed ones
 * by their PEM text, least recently used dropped first, so any number of distinct certificates costs
 * bounded memory. A certificate reaches the chaincode only after the peer checked the proposal's
 * signature and the creator's MSP; the shim only reads the parsed object (subject, issuer,
 * extensions). It patches the @fidm/x509 that fabric-shim loads; a second call changes nothing.
 */
export function reuseParsedCertificates(): void {
  const { Certificate } = loadedByShim<{ Certificate: CertificateClass }>('@fidm/x509');
  if (Certificate[PATCHED]) return;
  const parse = Certificate.fromPEM.bind(Certificate);
  const kept = new Map<string, object>();
  Certificate.fromPEM = (data) => {
    const pem = typeof data === 'string' ? data : data.toString('utf8');
    let certificate = kept.get(pem);
    if (certificate) {
      kept.delete(pem);
    } else {
      certificate = parse(data);
      if (kept.size >= KEPT_CERTIFICATES) kept.delete(kept.keys().next().value as string);
    }
    kept.set(pem, certificate);
    return certificate;
  };
  Certificate[PATCHED] = true;
}
