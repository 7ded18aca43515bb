import { describe, expect, it } from 'vitest';
import {
  CONFIG_UPDATE_TYPE,
  envelopeOf,
  mergeSignedCopies,
  type ConfigSignature,
  type ConfigUpdateEnvelope,
} from '../scripts/config-envelope.ts';
import { ProposalError } from '../scripts/proposal-error.ts';
import { bare, configUpdate, group } from './support/config-json.ts';

function update(timeout: string): ReturnType<typeof configUpdate> {
  return configUpdate(
    bare({ Orderer: bare() }),
    bare({
      Orderer: group({
        mod_policy: '',
        values: { BatchTimeout: { mod_policy: 'Admins', value: { timeout }, version: '1' } },
      }),
    }),
  );
}

function signature(mspId: string): ConfigSignature {
  return {
    signature: Buffer.from(`signature of ${mspId}`).toString('base64'),
    signature_header: { creator: { mspid: mspId, id_bytes: 'cert' }, nonce: 'bm9uY2U=' },
  };
}

/** A copy carrying the signatures of `mspIds`. */
function signedCopy(mspIds: string[], timeout = '1s'): ConfigUpdateEnvelope {
  return envelopeOf('scf', update(timeout), mspIds.map(signature));
}

describe('merging the signed copies of one proposal', () => {
  it('unites the signatures of copies each org signed on its own', () => {
    const merged = mergeSignedCopies('scf', [
      { file: 'core.json', envelope: signedCopy(['CoreFirmMSP']) },
      { file: 'banka.json', envelope: signedCopy(['BankAMSP']) },
      { file: 'supplier.json', envelope: signedCopy(['SupplierMSP', 'BankAMSP']) },
    ]);
    expect(merged.update).toEqual(update('1s'));
    expect(merged.signatures.map((item) => item.signature_header.creator.mspid)).toEqual([
      'CoreFirmMSP',
      'BankAMSP',
      'SupplierMSP',
    ]);
  });

  it('takes an unsigned copy, and a copy passed along and signed in turn', () => {
    const merged = mergeSignedCopies('scf', [
      { file: 'proposal.json', envelope: envelopeOf('scf', update('1s'), []) },
      { file: 'chain.json', envelope: signedCopy(['CoreFirmMSP', 'BankAMSP']) },
    ]);
    expect(merged.signatures).toHaveLength(2);
  });

  it('refuses a copy whose update was altered, naming its file', () => {
    let refused: unknown;
    try {
      mergeSignedCopies('scf', [
        { file: 'core.json', envelope: signedCopy(['CoreFirmMSP']) },
        { file: 'banka.json', envelope: signedCopy(['BankAMSP'], '2s') },
      ]);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ProposalError);
    expect(refused).toMatchObject({ file: 'banka.json', field: 'envelope' });
    expect((refused as Error).message).toBe(
      'banka.json: envelope holds another config update than core.json',
    );
  });

  it('refuses an envelope of another channel or of another message type', () => {
    const other = envelopeOf('other', update('1s'), []);
    other.payload.data.config_update.channel_id = 'other';
    expect(() => mergeSignedCopies('scf', [{ file: 'x.json', envelope: other }])).toThrow(
      /updates channel "other"/,
    );
    const endorsement = signedCopy([]);
    endorsement.payload.header.channel_header.type = CONFIG_UPDATE_TYPE + 1;
    expect(() => mergeSignedCopies('scf', [{ file: 'x.json', envelope: endorsement }])).toThrow(
      /not a config update/,
    );
  });
});
