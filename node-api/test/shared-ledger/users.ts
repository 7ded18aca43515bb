import { randomBytes, X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollUser, fabricBin, findMember, type MemberPlan, type NetworkContext } from '@scf/network';
import { creditCodeCheckChar } from '@scf/ledger-contract';
import { ensureAdmin } from '../../src/auth/bootstrap-admin.ts';
import { CaError, CaErrorCodes } from '../../src/auth/ca-registrar.ts';
import { FabricCaRegistrar, type FabricCaOptions } from '../../src/auth/fabric-ca-registrar.ts';
import { KeyVault } from '../../src/auth/key-vault.ts';
import { PrismaUserDirectory } from '../../src/auth/prisma-user-directory.ts';
import type { SessionUser } from '../../src/auth/session-user.ts';
import { connectLedger, scfLedger, type LedgerConnection, type ScfLedger } from '../../src/ledger/index.ts';
import { certificateAttributes } from '../support/certificates.ts';
import { PARTIES } from '../support/consortium.ts';
import { startFreshDatabase, type FreshDatabase } from '../support/fresh-database.ts';
import type { SharedLedger } from './ledger-network.ts';
import { cstDate, sha } from '../support/values.ts';

const ORG = 'supplier';
const PASSWORD = 'integration password';

/** Users of the supplier org, enrolled at its real CA, acting on the shared ledger. */
export function usersSuite(shared: () => SharedLedger): void {
  describe('users enrolled at the real org CA act on the real ledger', () => {
    let ctx: NetworkContext | undefined;
    let database: FreshDatabase | undefined;
    let org: MemberPlan;
    let caOptions: FabricCaOptions;
    let directory: PrismaUserDirectory;
    const connections: LedgerConnection[] = [];

    beforeAll(async () => {
      ctx = shared().ctx;
      database = await startFreshDatabase();
      org = findMember(ctx.topology, ORG);
      caOptions = {
        url: `https://${org.ca.host}:${String(org.ca.port)}`,
        caName: org.ca.name,
        tlsCertFile: ctx.paths.caCert(ORG),
        registrarHome: ctx.paths.registrar(ORG),
        client: fabricBin(ctx.tools, 'fabric-ca-client'),
      };
      directory = new PrismaUserDirectory({
        db: database.db,
        ca: new FabricCaRegistrar(caOptions),
        vault: new KeyVault(randomBytes(32)),
        mspId: org.mspId,
        operatorEnterpriseId: PARTIES.tier1.id,
        sessionHours: 1,
      });
      // What the projector would have brought in: the enterprise the clerk works for.
      const at = new Date();
      const { id, name, kind } = PARTIES.tier1;
      await database.db.enterprise.create({
        data: {
          ...{ id, name, kind, hostMsp: org.mspId, status: 'ACTIVE', createdAt: at, updatedAt: at },
          ...{ updatedBy: 'test', txId: '0'.repeat(64), blockNumber: 0n },
        },
      });
    });

    afterAll(async () => {
      for (const connection of connections) connection.close();
      await database?.stop();
    });

    /** The typed ledger client as `user`, through its org's peer, with the identity the directory keeps. */
    async function ledgerAs(user: SessionUser): Promise<ScfLedger> {
      if (!ctx) throw new Error('no network');
      const connection = connectLedger(
        {
          address: `${org.peer.host}:${String(org.peer.port)}`,
          tlsRootCertPem: readFileSync(ctx.paths.caCert(ORG)),
          hostAlias: org.peer.name,
        },
        await directory.identityOf(user.id),
      );
      connections.push(connection);
      const { channel, chaincode } = ctx.topology.config;
      return scfLedger(connection.gateway, channel, chaincode.name);
    }

    it('issues a certificate of the org CA carrying the enterprise and role', async () => {
      const clerk = await directory.create({
        username: 'li.clerk',
        password: PASSWORD,
        displayName: 'Li Clerk',
        role: 'clerk',
        enterpriseId: PARTIES.tier1.id,
      });
      const row = await database?.db.user.findUniqueOrThrow({ where: { id: clerk.id } });
      const certificate = new X509Certificate(row?.certificatePem ?? '');
      const caCertificate = new X509Certificate(readFileSync(caOptions.tlsCertFile));
      expect(certificate.checkIssued(caCertificate)).toBe(true);
      expect(certificate.verify(caCertificate.publicKey)).toBe(true);
      expect(certificate.subject).toMatch(/CN=li\.clerk\.[0-9a-f]{8}/);
      expect(certificate.subject).toContain('OU=client');
      expect(certificateAttributes(row?.certificatePem ?? '')).toMatchObject({
        'scf.enterpriseId': PARTIES.tier1.id,
        'scf.role': 'clerk',
        'hf.Type': 'client',
      });
      expect(row?.encryptedKey).not.toContain('PRIVATE KEY');
    });

    it('lets that user read and write on the ledger as its enterprise', async () => {
      const clerk = (await directory.list()).find((user) => user.username === 'li.clerk');
      if (!clerk) throw new Error('the clerk of the previous test is missing');
      const ledger = await ledgerAs((await directory.login('li.clerk', PASSWORD)).user);
      expect((await ledger.enterprise.Get({ id: PARTIES.tier1.id })).hostMsp).toBe(org.mspId);
      const registered = await ledger.invoice.Register({
        number: 'INV-USERS-1',
        buyerId: PARTIES.core.id,
        amount: '1000000',
        issueDate: cstDate(0),
        dueDate: cstDate(30),
        documentHash: sha('INV-USERS-1'),
      });
      expect(registered.value).toMatchObject({ sellerId: PARTIES.tier1.id, status: 'REGISTERED' });
      expect(registered.value.updatedBy).toBe(`${PARTIES.tier1.id}/clerk@${org.mspId}`);
    });

    it('enrolls the bootstrap admin beside the network’s own `admin`, and it may register enterprises', async () => {
      const enterpriseId = `91370200MA0C00007${creditCodeCheckChar('91370200MA0C00007')}`;
      const admin = await ensureAdmin(directory, {
        SCF_ADMIN_USER: 'admin',
        SCF_ADMIN_PASSWORD: PASSWORD,
        SCF_ADMIN_ENTERPRISE_ID: PARTIES.tier1.id,
        SCF_ADMIN_ENTERPRISE_KIND: 'SUPPLIER',
      });
      expect(admin.created).toBe(true);
      const ledger = await ledgerAs(admin.user);
      const registered = await ledger.enterprise.Register({
        id: enterpriseId,
        name: 'Tier-3 Bearings',
        kind: 'SUPPLIER',
      });
      expect(registered.value).toMatchObject({ id: enterpriseId, hostMsp: org.mspId, status: 'ACTIVE' });
    });

    it('enrolls eight identities side by side at one CA, each with its own certificate', async () => {
      if (!ctx) throw new Error('no network');
      const network = ctx;
      const registrarConfig = join(network.paths.registrar(ORG), 'fabric-ca-client-config.yaml');
      const before = statSync(registrarConfig).mtimeMs;
      const names = Array.from({ length: 8 }, (_, index) => `side-by-side-${String(index)}`);
      const users = await Promise.all(
        names.map((name) =>
          enrollUser(network, { org: ORG, name, enterpriseId: PARTIES.tier1.id, role: 'clerk' }),
        ),
      );
      const subjects = users.map((user) => new X509Certificate(readFileSync(user.cert)).subject);
      for (const [index, name] of names.entries()) expect(subjects[index]).toContain(`CN=${name}`);
      // Each enrollment rewrites its home's client config (fabric-ca-client does), so each has a home of
      // its own: a register beside it would read the registrar's config half-written.
      expect(statSync(registrarConfig).mtimeMs).toBe(before);
    });

    it('stores nothing when the CA refuses', async () => {
      if (!database) throw new Error('no database');
      const broken = new PrismaUserDirectory({
        db: database.db,
        ca: new FabricCaRegistrar({ ...caOptions, caName: 'no-such-ca' }),
        vault: new KeyVault(randomBytes(32)),
        mspId: org.mspId,
        operatorEnterpriseId: PARTIES.tier1.id,
        sessionHours: 1,
      });
      const before = await database.db.user.count();
      const error: unknown = await broken
        .create({
          username: 'nobody',
          password: PASSWORD,
          displayName: 'Nobody',
          role: 'clerk',
          enterpriseId: PARTIES.tier1.id,
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CaError);
      expect((error as CaError).code).toBe(CaErrorCodes.Failed);
      expect((error as CaError).output).toMatch(/no-such-ca/);
      expect(await database.db.user.count()).toBe(before);
    });
  });
}
