import { beforeAll, describe, expect, it } from 'vitest';
import { adminOrgs } from '../scripts/config-signers.ts';
import { channelConfig } from './support/config-json.ts';
import { makeTestCa, type TestCa } from './support/test-pki.ts';

let banka: TestCa;
let bankb: TestCa;
let orderer: TestCa;

beforeAll(() => {
  banka = makeTestCa('banka');
  bankb = makeTestCa('bankb');
  orderer = makeTestCa('orderer');
});

describe('whose signatures count as an org admin’s', () => {
  const config = (): ReturnType<typeof channelConfig> =>
    channelConfig(
      ['BankAMSP', 'BankBMSP'],
      ['OrdererMSP'],
      new Map([
        ['BankAMSP', banka.certPem],
        ['BankBMSP', bankb.certPem],
        ['OrdererMSP', orderer.certPem],
      ]),
    );

  it('counts an admin certificate of the org’s own CA, member or ordering org', () => {
    const signers = [
      { mspId: 'BankAMSP', certPem: banka.issue('admin', { ou: 'admin' }).certPem },
      { mspId: 'OrdererMSP', certPem: orderer.issue('admin', { ou: 'admin' }).certPem },
    ];
    expect(adminOrgs(config(), signers)).toEqual(['BankAMSP', 'OrdererMSP']);
  });

  it('does not count a client, another org’s admin claiming the MSP, an org not in the channel', () => {
    const signers = [
      { mspId: 'BankAMSP', certPem: banka.issue('clerk', { ou: 'client' }).certPem },
      { mspId: 'BankBMSP', certPem: banka.issue('admin2', { ou: 'admin' }).certPem },
      { mspId: 'BankCMSP', certPem: makeTestCa('bankc').issue('admin', { ou: 'admin' }).certPem },
      { mspId: 'BankBMSP', certPem: 'not a certificate' },
    ];
    expect(adminOrgs(config(), signers)).toEqual([]);
  });

  it('does not count a certificate outside its validity', () => {
    const signer = { mspId: 'BankAMSP', certPem: banka.issue('admin3', { ou: 'admin' }).certPem };
    expect(adminOrgs(config(), [signer], new Date(Date.now() + 5 * 24 * 3600 * 1000))).toEqual([]);
  });
});
