import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelMembers, peerTargets, UnreachableMemberError } from '../scripts/channel-members.ts';
import { channelConfig } from './support/config-json.ts';

describe('the channel’s member orgs, from its config', () => {
  const config = channelConfig(
    ['SupplierMSP', 'BankAMSP'],
    ['OrdererMSP'],
    new Map([['BankAMSP', 'ROOT A']]),
  );

  it('lists the application orgs only, sorted, with their anchor peers and TLS roots', () => {
    expect(channelMembers(config)).toEqual([
      { mspId: 'BankAMSP', anchorPeers: ['peer0.bankamsp:7051'], tlsRootCertPems: ['ROOT A'] },
      {
        mspId: 'SupplierMSP',
        anchorPeers: ['peer0.suppliermsp:7051'],
        tlsRootCertPems: ['not a certificate'],
      },
    ]);
  });

  it('targets one anchor peer per org with its TLS roots in a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scf-targets-'));
    const args = peerTargets(channelMembers(config), ['BankAMSP'], dir);
    expect(args).toEqual([
      '--peerAddresses',
      'peer0.bankamsp:7051',
      '--tlsRootCertFiles',
      join(dir, 'tls-roots-BankAMSP.pem'),
    ]);
    expect(readFileSync(join(dir, 'tls-roots-BankAMSP.pem'), 'utf8')).toBe('ROOT A');
    expect(() => peerTargets(channelMembers(config), ['BankCMSP'], dir)).toThrow(UnreachableMemberError);
  });
});
