import { createHash, randomBytes } from 'node:crypto';
import { common, ledger as ledgerProtos, peer } from '@hyperledger/fabric-protos';
import { beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar, marshal } from '@scf/ledger-contract';
import { submit } from '../../src/ledger/submit.ts';
import type { OfferTerms } from '@scf/ledger-contract';
import { LedgerError, offerSalt } from '../../src/ledger/index.ts';
import { Consortium, PARTIES, type Session } from '../support/consortium.ts';
import type { SharedLedger } from './ledger-network.ts';
import { Steps } from './steps.ts';
import { cstDate, sha } from '../support/values.ts';

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** The value hashes a block records for each private collection the transaction wrote. */
function privateValueHashes(blockBytes: Uint8Array, txId: string): Map<string, string[]> {
  const block = common.Block.deserializeBinary(blockBytes);
  const found = new Map<string, string[]>();
  for (const envelopeBytes of block.getData()?.getDataList_asU8() ?? []) {
    const payload = common.Payload.deserializeBinary(
      common.Envelope.deserializeBinary(envelopeBytes).getPayload_asU8(),
    );
    const channelHeader = common.ChannelHeader.deserializeBinary(
      payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array(),
    );
    if (channelHeader.getTxId() !== txId) continue;
    const transaction = peer.Transaction.deserializeBinary(payload.getData_asU8());
    for (const action of transaction.getActionsList()) {
      const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
      const response = peer.ProposalResponsePayload.deserializeBinary(
        actionPayload.getAction()?.getProposalResponsePayload_asU8() ?? new Uint8Array(),
      );
      const chaincodeAction = peer.ChaincodeAction.deserializeBinary(response.getExtension_asU8());
      const rwset = ledgerProtos.rwset.TxReadWriteSet.deserializeBinary(chaincodeAction.getResults_asU8());
      for (const ns of rwset.getNsRwsetList()) {
        for (const collection of ns.getCollectionHashedRwsetList()) {
          const hashed = ledgerProtos.rwset.kvrwset.HashedRWSet.deserializeBinary(
            collection.getHashedRwset_asU8(),
          );
          const values = hashed
            .getHashedWritesList()
            .map((write) => Buffer.from(write.getValueHash_asU8()).toString('hex'));
          found.set(collection.getCollectionName(), values);
        }
      }
    }
  }
  return found;
}

/**
 * What one member org's full credentials must not be enough for: reading a competitor's offer terms
 * from public data, minting a bank or a debtor, putting a rate in force alone, changing the charter
 * alone, writing through the benchmark's baseline, sweeping other members' vouchers overdue.
 */
export function trustSuite(shared: () => SharedLedger): void {
  describe('members who distrust each other, on the real network', () => {
    let consortium: Consortium;
    const steps = new Steps();
    const act = steps.act.bind(steps);
    const view = steps.view.bind(steps);
    async function height(session: Session): Promise<bigint> {
      const info = await session.connection.gateway
        .getNetwork('scf')
        .getContract('qscc')
        .evaluateTransaction('GetChainInfo', 'scf');
      return BigInt(common.BlockchainInfo.deserializeBinary(info).getHeight());
    }

    beforeAll(() => {
      // The shared ledger runs the production chaincode: no test-only contract.
      consortium = shared().consortium;
    });

    it('keeps bank A’s offer terms out of reach of bank B, which knows every input but the salt', async () => {
      const invoice = await act(await consortium.as('tier1', 'clerk'), (ledger) =>
        ledger.invoice.Register({
          number: 'INV-SALT-1',
          buyerId: PARTIES.core.id,
          amount: '100000000',
          issueDate: cstDate(0),
          dueDate: cstDate(60),
          documentHash: sha('INV-SALT-1'),
        }),
      );
      await act(await consortium.as('core', 'approver'), (ledger) =>
        ledger.invoice.Confirm({ invoiceId: invoice.id, waiveDelivery: true }),
      );
      const applied = await act(await consortium.as('tier1', 'clerk'), (ledger) =>
        ledger.financing.Apply({ voucherId: invoice.id, bankId: PARTIES.bankA.id }),
      );
      const bankA = await consortium.as('bankA', 'approver');
      await view(bankA);
      const offered = await bankA.ledger.financing.Offer(
        { financingId: applied.id },
        {
          transient: {
            terms: {
              advanceRateBps: 9000,
              spreadBps: 50,
              fees: '0',
              validUntil: cstDate(5),
              recourse: false,
              salt: offerSalt(),
            },
          },
          endorsingOrganizations: ['BankAMSP', 'SupplierMSP'],
        },
      );
      steps.last = offered.blockNumber;
      const terms: OfferTerms = await bankA.ledger.financing.GetTerms({ financingId: applied.id });
      expect(terms.salt).toMatch(/^[0-9a-f]{32,128}$/);

      // What bank B sees: the public financing and the block with the private-data hashes.
      const bankB = await consortium.as('bankB', 'approver');
      const publicRecord = await (await view(bankB)).financing.Get({ id: applied.id });
      const block = await bankB.connection.gateway
        .getNetwork('scf')
        .getContract('qscc')
        .evaluateTransaction('GetBlockByTxID', 'scf', offered.transactionId);
      const hashes = privateValueHashes(block, offered.transactionId);
      const bankCollection = hashes.get('_implicit_org_BankAMSP') ?? [];
      const applicantCollection = hashes.get('_implicit_org_SupplierMSP') ?? [];
      expect(bankCollection).toHaveLength(1);
      expect(applicantCollection).toEqual(bankCollection);

      // The digests are of exactly the stored terms, salt included: the test can tell right from wrong.
      const stored = marshal(terms);
      expect(sha256(stored)).toBe(publicRecord.termsHash);
      expect(bankCollection[0]).toBe(publicRecord.termsHash);

      // Every input right, the salt unknown: bank B's guesses reproduce neither digest.
      const unsalted: Partial<OfferTerms> = { ...terms };
      delete unsalted.salt;
      const guesses = [
        marshal(unsalted),
        marshal({ ...terms, salt: '' }),
        marshal({ ...terms, salt: '0'.repeat(32) }),
        ...Array.from({ length: 1000 }, () => marshal({ ...terms, salt: randomBytes(16).toString('hex') })),
      ];
      for (const guess of guesses) {
        const digest = sha256(guess);
        expect(digest).not.toBe(publicRecord.termsHash);
        expect(digest).not.toBe(bankCollection[0]);
      }
      // And the applicant still verifies its copy against the public hash (the chaincode re-hashes it).
      await expect(
        (await view(await consortium.as('tier1', 'approver'))).financing.GetTerms({
          financingId: applied.id,
        }),
      ).resolves.toEqual(terms);
    });

    it('lets an org admin register only the kinds its MSP may host: the supplier org cannot mint a bank or a debtor', async () => {
      const supplierAdmin = await consortium.orgAdmin('supplier');
      const before = await height(supplierAdmin);
      for (const [id, kind] of [
        [PARTIES.bankA.id.replace(/^9137/, '9144'), 'BANK'],
        [PARTIES.core.id.replace(/^9137/, '9144'), 'CORE'],
      ] as const) {
        const attempt = supplierAdmin.ledger.enterprise.Register({
          id: fixCheck(id),
          name: `Fake ${kind}`,
          kind,
        });
        await expect(attempt).rejects.toMatchObject({ code: 'FORBIDDEN' });
      }
      const bankAdmin = await consortium.orgAdmin('banka');
      await expect(
        bankAdmin.ledger.enterprise.Register({
          id: fixCheck('91440000MA0C0009X'),
          name: 'Fake Core',
          kind: 'CORE',
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await height(supplierAdmin)).toBe(before);
    });

    it('puts a rate in force only when both publisher banks agree; no one else may publish', async () => {
      const date = cstDate(-10);
      const bankA = await consortium.as('bankA', 'admin');
      const proposed = await act(bankA, (ledger) =>
        ledger.rate.Publish({ tenor: '1Y', rateBps: 9999, effectiveDate: date }),
      );
      expect(proposed).toMatchObject({ status: 'PROPOSED', rateBps: 9999 });
      const current = await (await view(bankA)).rate.Current({ tenor: '1Y', asOfDate: cstDate(0) });
      expect(current).toMatchObject({ rateBps: 310, status: 'PUBLISHED' });

      const supplierAdmin = await consortium.orgAdmin('supplier');
      await expect(
        (await view(supplierAdmin)).rate.Publish({ tenor: '1Y', rateBps: 9999, effectiveDate: date }),
      ).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });

      // Bank B disagrees: its own word is recorded, still nothing is in force.
      const bankB = await consortium.as('bankB', 'admin');
      const disputed = await act(bankB, (ledger) =>
        ledger.rate.Publish({ tenor: '1Y', rateBps: 305, effectiveDate: date }),
      );
      expect(disputed.status).toBe('PROPOSED');
      await expect(
        (await view(bankB)).rate.Current({ tenor: '1Y', asOfDate: cstDate(0) }),
      ).resolves.toMatchObject({
        rateBps: 310,
      });

      // Bank A corrects its attestation to the same value: now two publisher orgs agree.
      const published = await act(bankA, (ledger) =>
        ledger.rate.Publish({ tenor: '1Y', rateBps: 305, effectiveDate: date }),
      );
      expect(published).toMatchObject({ status: 'PUBLISHED', rateBps: 305 });
      await expect(
        (await view(bankB)).rate.Current({ tenor: '1Y', asOfDate: cstDate(0) }),
      ).resolves.toMatchObject({
        rateBps: 305,
      });
    });

    it('changes the charter only when a majority of member orgs approve, and binds it to a majority of peers', async () => {
      const charter = await (await view(await consortium.orgAdmin('core'))).charter.Get();
      expect(charter).toMatchObject({ version: 1, rateQuorum: 2, ratePublishers: ['BankAMSP', 'BankBMSP'] });
      const terms = {
        members: charter.members.map((entry) =>
          entry.mspId === 'LogisticsMSP'
            ? { mspId: entry.mspId, kinds: [...entry.kinds, 'AUDITOR' as const] }
            : entry,
        ),
        ratePublishers: charter.ratePublishers,
        rateQuorum: charter.rateQuorum,
      };
      const proposal = await act(await consortium.orgAdmin('logistics'), (ledger) =>
        ledger.charter.Propose({ termsJson: terms }),
      );
      expect(proposal).toMatchObject({ status: 'OPEN', approvals: ['LogisticsMSP'] });
      const second = await act(await consortium.orgAdmin('core'), (ledger) =>
        ledger.charter.Approve({ proposalId: proposal.id }),
      );
      expect(second.status).toBe('OPEN');

      // The third approval adopts it; endorsed by two orgs only, the charter write does not commit.
      const bankAdmin = await consortium.orgAdmin('banka');
      await view(bankAdmin);
      const contract = bankAdmin.connection.gateway.getNetwork('scf').getContract('scf', 'charter');
      await expect(
        submit(contract, 'Approve', [proposal.id], { endorsingOrganizations: ['BankAMSP', 'LogisticsMSP'] }),
      ).rejects.toMatchObject({ code: 'ENDORSEMENT_POLICY_FAILURE' });
      await expect((await view(bankAdmin)).charter.Get()).resolves.toMatchObject({ version: 1 });

      const adopted = await act(bankAdmin, (ledger) => ledger.charter.Approve({ proposalId: proposal.id }));
      expect(adopted.status).toBe('ADOPTED');
      await expect((await view(bankAdmin)).charter.Get()).resolves.toMatchObject({ version: 2 });
    });

    it('refuses the overdue sweep to SMEs and clerks, writing nothing', async () => {
      for (const [party, role] of [
        ['tier1', 'approver'],
        ['tier2', 'clerk'],
        ['core', 'clerk'],
      ] as const) {
        const session = await consortium.as(party, role);
        await expect((await view(session)).settlement.SweepOverdue({ limit: 10 })).rejects.toMatchObject({
          code: 'FORBIDDEN',
        });
      }
    });

    it('refuses control characters sent straight through fabric-gateway, writing nothing (UTF-8 cannot carry a lone surrogate)', async () => {
      const clerk = await consortium.as('tier1', 'clerk');
      await view(clerk);
      const before = await height(clerk);
      const contract = clerk.connection.gateway.getNetwork('scf').getContract('scf', 'invoice');
      const args = (number: string): string[] => [
        number,
        PARTIES.core.id,
        '100000',
        cstDate(0),
        cstDate(30),
        sha(number),
        '',
      ];
      for (const number of ['INV-\u0000-NUL', 'INV-\u0085-NEL', 'INV-\u009f-APC', 'INV-\n-LF']) {
        await expect(submit(contract, 'Register', args(number))).rejects.toMatchObject({
          code: 'INVALID_ARGUMENT',
        });
      }
      const shipments = clerk.connection.gateway.getNetwork('scf').getContract('scf', 'shipment');
      await expect(
        submit(shipments, 'RecordPickup', ['x', 'WB-1', 'Ning\u0000bo', 'Qingdao', sha('wb')]),
      ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      expect(await height(clerk)).toBe(before);
    });

    it('serves no note-writing baseline in the production chaincode', async () => {
      const admin = await consortium.orgAdmin('supplier');
      const before = await height(admin);
      const note = admin.ledger.test.PutNote({ key: 'k', text: 'a note on the production ledger' });
      await expect(note).rejects.toBeInstanceOf(LedgerError);
      const contract = admin.connection.gateway.getNetwork('scf').getContract('scf', 'smoke');
      await expect(submit(contract, 'PutNote', ['k', 'old name'])).rejects.toBeInstanceOf(LedgerError);
      expect(await height(admin)).toBe(before);
    });
  });

  /** An 18-character credit code with its GB 32100 check character recomputed. */
  function fixCheck(code: string): string {
    return `${code.slice(0, 17)}${creditCodeCheckChar(code.slice(0, 17))}`;
  }
}
