import { verify, X509Certificate } from 'node:crypto';
import type { ConfigSignature } from './config-envelope.ts';
import { APPLICATION, ORDERER, orgMsps, type ChannelConfig, type ConfigUpdate } from './config-tree.ts';
import type { Translator } from './configtxlator.ts';
import { issuedBy } from './pem.ts';

/** Who made a signature, as its signature header says: an MSP id and a certificate. */
export interface Signer {
  mspId: string;
  certPem: string;
}

/** Whether `signature` is `certPem`'s ECDSA (or other) signature over SHA-256 of `data`. */
function verifies(certPem: string, data: Buffer, signature: string): boolean {
  try {
    return verify('sha256', data, certPem, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** One config signature, who claims to have made it, and whether it verifies over the update. */
export interface CheckedSignature {
  signature: ConfigSignature;
  signer: Signer;
  valid: boolean;
}

/**
 * The config update's bytes as configtxlator puts them into an envelope. configtxlator marshals the
 * message it is asked for with map entries in random order, but the messages nested in it (such as
 * a ConfigUpdateEnvelope's `config_update`) deterministically: so the update is encoded inside a
 * ConfigUpdateEnvelope without signatures, whose only field it then is (field 1, length-delimited),
 * and read back from behind that field's tag and length.
 */
export async function configUpdateBytes(translator: Translator, update: ConfigUpdate): Promise<Buffer> {
  const wrapped = await translator.encode('common.ConfigUpdateEnvelope', {
    config_update: update,
    signatures: [],
  });
  const FIELD_1_BYTES = 0x0a;
  if (wrapped[0] !== FIELD_1_BYTES) throw new Error('configtxlator wrote an unexpected ConfigUpdateEnvelope');
  let length = 0;
  let at = 1;
  for (let shift = 0; ; shift += 7) {
    const byte = wrapped[at] ?? 0;
    at += 1;
    length += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) break;
  }
  if (at + length !== wrapped.length)
    throw new Error('configtxlator wrote an unexpected ConfigUpdateEnvelope');
  return wrapped.subarray(at);
}

/**
 * Checks each config signature over the update. Fabric signs the signature header's bytes followed
 * by the config update's bytes; both are encoded again here from their decoded form with
 * configtxlator, so a signature verifies only if that encoding gives back the very bytes the signer
 * signed: what the orderer will check once the signatures of several copies are merged into one
 * envelope, encoded the same way.
 */
export async function verifySignatures(
  translator: Translator,
  update: ConfigUpdate,
  signatures: ConfigSignature[],
): Promise<CheckedSignature[]> {
  const updateBytes = await configUpdateBytes(translator, update);
  const checked: CheckedSignature[] = [];
  for (const signature of signatures) {
    const { creator } = signature.signature_header;
    const headerBytes = await translator.encode('common.SignatureHeader', signature.signature_header);
    const signer = {
      mspId: creator.mspid,
      certPem: Buffer.from(creator.id_bytes, 'base64').toString('utf8'),
    };
    const data = Buffer.concat([headerBytes, updateBytes]);
    checked.push({ signature, signer, valid: verifies(signer.certPem, data, signature.signature) });
  }
  return checked;
}

const oneLine = (pem: string): string => pem.replace(/\s+/g, '');

/**
 * The orgs of the channel (members and orderer orgs) that have an admin among `signers`: a signer
 * counts for the org whose MSP id it claims only if its certificate is valid now, issued by one of
 * that org's root CAs in the channel config, and an admin's (NodeOU admin, or listed as admin).
 */
export function adminOrgs(config: ChannelConfig, signers: Signer[], now = new Date()): string[] {
  const orgs = [...orgMsps(config, [APPLICATION]), ...orgMsps(config, [ORDERER])];
  const admins = new Set<string>();
  for (const signer of signers) {
    const org = orgs.find((candidate) => candidate.mspId === signer.mspId);
    if (!org) continue;
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(signer.certPem);
    } catch {
      continue;
    }
    const current = new Date(cert.validFrom) <= now && now <= new Date(cert.validTo);
    const rooted = org.rootCertPems.some((root) => issuedBy(cert, new X509Certificate(root)));
    const admin =
      org.adminOu === undefined
        ? org.adminCertPems.some((pem) => oneLine(pem) === oneLine(signer.certPem))
        : cert.subject.split('\n').includes(`OU=${org.adminOu}`);
    if (current && rooted && admin) admins.add(org.mspId);
  }
  return [...admins].sort();
}
