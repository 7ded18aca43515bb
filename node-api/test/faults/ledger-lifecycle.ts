import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import {
  deployChaincode,
  enrollUser,
  findMember,
  nodeStatuses,
  peerProcessName,
  runningPid,
  up,
  type EnrolledUser,
  type NetworkContext,
} from '@scf/network';
import { LedgerError } from '../../src/ledger/index.ts';
import { sessionFor, type UserSession } from '../support/test-network.ts';

/** The network's own life cycle, first on the faults network (before any node API runs): health, writes across orgs, a killed peer restored, a redeploy, a chaincode server restarted. */
export function ledgerLifecycleSuite(network: () => NetworkContext): void {
  describe('consortium network with the chaincode deployed', () => {
    let supplierClerk: EnrolledUser;
    let bankApprover: EnrolledUser;
    const sessions: UserSession[] = [];

    const open = (user: EnrolledUser): UserSession => {
      const session = sessionFor(network(), user);
      sessions.push(session);
      return session;
    };

    beforeAll(async () => {
      supplierClerk = await enrollUser(network(), {
        org: 'supplier',
        name: 'alice',
        enterpriseId: 'SUP0001',
        role: 'clerk',
      });
      bankApprover = await enrollUser(network(), {
        org: 'banka',
        name: 'bob',
        enterpriseId: 'BANKA01',
        role: 'approver',
      });
    });

    afterAll(() => {
      for (const session of sessions) session.connection.close();
    });

    it('reports every node healthy', async () => {
      const nodes = await nodeStatuses(network());
      const count = (kind: string): number => nodes.filter((node) => node.kind === kind).length;
      expect([count('ca'), count('orderer'), count('peer'), count('chaincode')]).toEqual([6, 3, 5, 5]);
      expect(nodes.filter((node) => !node.healthy)).toEqual([]);
    });

    it('lets the chaincode see each caller MSP and certificate attributes', async () => {
      await expect(open(supplierClerk).ledger.smoke.WhoAmI()).resolves.toMatchObject({
        mspId: 'SupplierMSP',
        enterpriseId: 'SUP0001',
        role: 'clerk',
      });
      await expect(open(bankApprover).ledger.smoke.WhoAmI()).resolves.toMatchObject({
        mspId: 'BankAMSP',
        enterpriseId: 'BANKA01',
        role: 'approver',
      });
    });

    it('commits a write by one org that another org reads through its own peer', async () => {
      const { value: written, blockNumber } = await open(supplierClerk).ledger.test.PutNote({
        key: 'it-1',
        text: 'from the supplier',
      });
      expect(written.writtenBy).toBe('SupplierMSP');
      expect(blockNumber).toBeGreaterThan(0n);
      await expect(open(bankApprover).ledger.test.GetNote({ key: 'it-1' })).resolves.toMatchObject({
        text: 'from the supplier',
        txId: written.txId,
      });
      const { value: reply } = await open(bankApprover).ledger.test.PutNote({
        key: 'it-2',
        text: 'from bank A',
      });
      await expect(open(supplierClerk).ledger.test.GetNote({ key: 'it-2' })).resolves.toMatchObject({
        writtenBy: 'BankAMSP',
        txId: reply.txId,
      });
    });

    it('rejects bad input with the chaincode error code and writes nothing', async () => {
      const session = open(supplierClerk);
      const failure = session.ledger.test.PutNote({ key: 'too-long', text: 't'.repeat(1025) });
      await expect(failure).rejects.toBeInstanceOf(LedgerError);
      await expect(failure).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(session.ledger.test.GetNote({ key: 'too-long' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('says so when up runs on a network that is already running', async () => {
      await expect(up(network())).resolves.toMatchObject({ alreadyRunning: true, started: [] });
    });

    it('restores a killed peer with its ledger when up runs again', async () => {
      const net = network();
      const bankA = findMember(net.topology, 'banka');
      const pid = runningPid(net.paths, peerProcessName(bankA));
      expect(pid).toBeDefined();
      process.kill(pid ?? 0, 'SIGKILL');
      await expect
        .poll(async () => (await nodeStatuses(net)).find((node) => node.name === bankA.peer.name)?.healthy)
        .toBe(false);

      const result = await up(net);
      expect(result.started).toEqual([bankA.peer.name]);
      const restored = open(bankApprover);
      await expect(restored.ledger.test.GetNote({ key: 'it-1' })).resolves.toMatchObject({
        text: 'from the supplier',
      });
      await expect(
        restored.ledger.test.PutNote({ key: 'it-3', text: 'after restart' }),
      ).resolves.toMatchObject({
        value: { writtenBy: 'BankAMSP' },
      });
    });

    it('deploys a changed chaincode at the next sequence without a teardown, keeping the data', async () => {
      const net = network();
      const before = await deployChaincode(net);
      expect(before.committed).toBe(false);
      const after = await deployChaincode(net, `${net.topology.config.chaincode.name}_redeploy`);
      expect(after).toMatchObject({ committed: true, sequence: before.sequence + 1 });
      const session = open(supplierClerk);
      await expect(session.ledger.test.GetNote({ key: 'it-1' })).resolves.toMatchObject({
        text: 'from the supplier',
      });
      await expect(
        session.ledger.test.PutNote({ key: 'it-4', text: 'after redeploy' }),
      ).resolves.toMatchObject({
        value: { writtenBy: 'SupplierMSP' },
      });
    });

    it('restarts a chaincode server that dies', async () => {
      const net = network();
      const supervisor = runningPid(net.paths, 'chaincode-supplier');
      // The supervisor's one child is the chaincode server (or, between restarts, a backoff sleep).
      const serverPid = (): string => {
        try {
          return execFileSync('ps', ['-o', 'pid=', '--ppid', String(supervisor)], {
            encoding: 'utf8',
          }).trim();
        } catch {
          return '';
        }
      };
      await expect.poll(serverPid).toMatch(/^\d+$/);
      const first = serverPid();
      process.kill(Number(first), 'SIGKILL');
      // Until its supervisor reaps it, the killed server is still listed (a zombie) under its old pid.
      const replacement = (): string => {
        const pid = serverPid();
        return pid === first ? '' : pid;
      };
      await expect.poll(replacement, { timeout: 10_000 }).toMatch(/^\d+$/);
      await expect
        .poll(
          () =>
            open(supplierClerk)
              .ledger.smoke.WhoAmI()
              .then((me) => me.mspId),
          { timeout: 30_000 },
        )
        .toBe('SupplierMSP');
    });
  });
}
