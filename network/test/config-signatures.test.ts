import { sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelopeOf, type ConfigSignature } from '../scripts/config-envelope.ts';
import { configUpdateBytes, verifySignatures } from '../scripts/config-signers.ts';
import type { ConfigUpdate } from '../scripts/config-tree.ts';
import { configtxlator, type Translator } from '../scripts/configtxlator.ts';
import { fabricTools } from '../scripts/fabric-tools.ts';
import { bare, configUpdate, orgGroup } from './support/config-json.ts';
import { makeTestCa } from './support/test-pki.ts';

/** An update adding an org to seven: groups in maps, which configtxlator marshals in random order at the top. */
function addOrgUpdate(): ConfigUpdate {
  const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((letter) => `Org${letter}MSP`);
  const orgs = Object.fromEntries(names.map((name) => [name, bare()]));
  return configUpdate(
    bare({ Application: bare(orgs) }),
    bare({ Application: bare({ ...orgs, OrgHMSP: orgGroup('OrgHMSP') }, '1') }),
  );
}

let translator: Translator;
const dir = mkdtempSync(join(tmpdir(), 'scf-signatures-'));

beforeAll(() => {
  // The Fabric tools the set-up installs (scripts/install-fabric.sh): configtxlator runs for real.
  translator = configtxlator(fabricTools(), dir);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('config signatures over an update decoded and encoded again', () => {
  it('gets the same update bytes every time, the bytes an envelope carries', async () => {
    const update = addOrgUpdate();
    const encodings = await Promise.all(
      Array.from({ length: 6 }, () => configUpdateBytes(translator, update)),
    );
    for (const bytes of encodings) expect(bytes.equals(encodings[0] ?? Buffer.alloc(0))).toBe(true);
    const envelope = await translator.encode('common.Envelope', envelopeOf('scf', update, []));
    expect(envelope.includes(encodings[0] ?? Buffer.alloc(1))).toBe(true);
  });

  it('verifies a signature over header and update, and no signature over another update', async () => {
    const admin = makeTestCa('banka').issue('admin', { ou: 'admin' });
    const update = addOrgUpdate();
    const header = {
      creator: { mspid: 'BankAMSP', id_bytes: Buffer.from(admin.certPem).toString('base64') },
      nonce: Buffer.from('a nonce of 24 bytes here').toString('base64'),
    };
    const signed = Buffer.concat([
      await translator.encode('common.SignatureHeader', header),
      await configUpdateBytes(translator, update),
    ]);
    const signature: ConfigSignature = {
      signature: sign('sha256', signed, admin.keyPem).toString('base64'),
      signature_header: header,
    };
    const [checked] = await verifySignatures(translator, update, [signature]);
    expect(checked).toMatchObject({ valid: true, signer: { mspId: 'BankAMSP', certPem: admin.certPem } });
    const other = addOrgUpdate();
    other.write_set.version = '1';
    expect((await verifySignatures(translator, other, [signature]))[0]?.valid).toBe(false);
  });
});
