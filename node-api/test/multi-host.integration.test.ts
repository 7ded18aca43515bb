import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '@scf/ledger-contract';
import { findMember, loadConfig, openNetwork, runningPid, type ConsortiumConfig } from '@scf/network';
import { PARTIES as CONSORTIUM_PARTIES } from './support/consortium.ts';
import { cstDate, offerTerms, sha } from './support/values.ts';

const code = (first17: string): string => `${first17}${creditCodeCheckChar(first17)}`;
import { AgentCallError, HostAgent } from './support/ns-agent-client.ts';
import type { UserSpec } from './support/ns-agent.ts';
import { NetnsLab } from './support/netns-lab.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const FOUNDERS = ['core', 'supplier', 'banka', 'bankb', 'logistics'] as const;
const ORDERER_HOSTS = ['o0', 'o1', 'o2'] as const;
const HOSTS = [...ORDERER_HOSTS, ...FOUNDERS, 'bankc'] as const;
type Host = (typeof HOSTS)[number];
type Member = (typeof FOUNDERS)[number] | 'bankc';

/** The test consortium's enterprises, and bank C's, which joins later. */
const PARTIES = {
  ...CONSORTIUM_PARTIES,
  bankC: { id: code('91370200MA0C00107'), org: 'bankc', kind: 'BANK', name: 'Bank C' },
} as const;
type Party = keyof typeof PARTIES;
/** Writes made while an orderer host is cut off. */
const CUT_WRITES = 12;
/** Bank C's node API admin, set by its operator. */
const ADMIN_PASSWORD = 'bank-c-admin-password';

const user = (party: Party, role: 'clerk' | 'approver' | 'admin'): UserSpec => ({
  org: PARTIES[party].org,
  name: `${party.toLowerCase()}-${role}`,
  enterpriseId: PARTIES[party].id,
  role,
});
const orgAdmin = (org: Member): UserSpec => ({
  org,
  name: 'orgadmin',
  enterpriseId: 'ORG-ADMIN',
  role: 'admin',
});

/**
 * Issue 11: the consortium on separate hosts. Every org runs its node in a network namespace of its
 * own (three ordering hosts, five founding members, and bank C who joins later), each from a state
 * folder that holds only its own secrets, by the README's per-org commands. Between hosts pass only
 * public files (org definitions, proposals, the genesis block handed to the ordering org's own hosts)
 * and network traffic on the lab's private subnet.
 */
describe('a consortium whose orgs run on separate hosts', () => {
  let lab: NetnsLab | undefined;
  const root = mkdtempSync(join(tmpdir(), 'scf-multihost-'));
  const shared = join(root, 'public');
  const configFile = join(root, 'consortium.json');
  const stateDir = (host: Host): string => join(root, 'hosts', host);
  const agents = new Map<Host, HostAgent>();
  let last = '0';
  /** The story's ids, for the steps after it. */
  const story = { rootId: '', financingId: '' };

  const theLab = (): NetnsLab => {
    if (!lab) throw new Error('the lab was not made');
    return lab;
  };
  /** `npm run network -- ARGS` on a host, from its own state folder. */
  const network = (host: Host, args: string[]): Promise<string> =>
    theLab().run(
      host,
      'bash',
      [join(REPO, 'scripts/network.sh'), ...args, '--state-dir', stateDir(host), '--config', configFile],
      { SCF_CHAINCODE_TEST_CONTRACTS: '1' },
    );
  const agent = (host: Member): HostAgent => {
    let known = agents.get(host);
    if (!known) {
      known = new HostAgent(theLab(), host, stateDir(host));
      agents.set(host, known);
    }
    return known;
  };
  /** A write as `who` on its own host, after the last write seen; remembers the block it landed in. */
  async function act<T>(who: UserSpec, fn: string, args: object, options?: object): Promise<T> {
    const result = await agent(who.org as Member).call<T>(who, fn, args, {
      after: last,
      ...(options ? { options } : {}),
    });
    if (result.blockNumber && BigInt(result.blockNumber) > BigInt(last)) last = result.blockNumber;
    return result.value;
  }
  const read = async <T>(who: UserSpec, fn: string, args: object): Promise<T> =>
    (await agent(who.org as Member).call<T>(who, fn, args, { after: last })).value;
  const publicFile = (name: string): string => join(shared, name);
  /** The resident memory of every process in a host's namespace, in kB. */
  const residentKb = (host: Host): number =>
    theLab()
      .pids(host)
      .reduce((sum, pid) => {
        try {
          return (
            sum + Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${String(pid)}/status`, 'utf8'))?.[1] ?? 0)
          );
        } catch {
          return sum;
        }
      }, 0);
  const bankcApiPort = (): number =>
    findMember(openNetwork({ stateDir: stateDir('bankc'), log: () => undefined }).topology, 'bankc').reserved
      .nodeApi;

  beforeAll(() => {
    lab = NetnsLab.create(HOSTS);
    mkdirSync(shared, { recursive: true });
    // As root, a node's embedded PostgreSQL runs as `postgres`, which must reach its data folder.
    chmodSync(root, 0o755);
    const base = loadConfig();
    const address = (host: Host): string => theLab().address(host);
    const config: ConsortiumConfig = {
      ...base,
      host: address('o0'),
      members: [
        ...base.members.map((org) => ({ ...org, host: address(org.name as Host) })),
        {
          name: 'bankc',
          mspId: 'BankCMSP',
          description: 'bank C',
          kinds: ['BANK'],
          founding: false,
          host: address('bankc'),
        },
      ],
      ordererOrg: { ...base.ordererOrg, host: address('o0'), hosts: ORDERER_HOSTS.map(address) },
    };
    writeFileSync(configFile, JSON.stringify(config, null, 2));
  });

  /** What each member's operator read out when exporting its definition. */
  const fingerprints = new Map<string, string>();

  // Each step builds on the one before: after a failure the rest fail at once, naming it.
  let failed: string | undefined;
  beforeEach(() => {
    if (failed) throw new Error(`an earlier step failed: ${failed}`);
  });
  afterEach((context) => {
    if (context.task.result?.state === 'fail') failed ??= context.task.name;
  });

  afterAll(() => {
    for (const known of agents.values()) known.close();
    lab?.destroy();
    // SCF_KEEP_FAILED=1 keeps the hosts' state folders (logs, ledgers) of a failed run to read.
    if (failed && process.env.SCF_KEEP_FAILED === '1') process.stdout.write(`kept ${root}\n`);
    else rmSync(root, { recursive: true, force: true });
  });

  it('starts each org’s own nodes on its own host from its own state folder', async () => {
    const started = Date.now();
    await Promise.all([
      ...[...FOUNDERS, 'bankc' as const].map((org) => network(org, ['up', '--run', org])),
      network('o0', ['up', '--run', 'orderer,orderer0']),
    ]);
    for (const org of [...FOUNDERS, 'bankc' as const]) {
      const said = await network(org, ['export', '--org', org, '--out', publicFile(`${org}.json`)]);
      const readOut = /fingerprint ([0-9A-F ]{79}):/.exec(said)?.[1];
      if (!readOut) throw new Error(`export printed no fingerprint: ${said}`);
      fingerprints.set(org, readOut);
    }
    await network('o0', ['export', '--org', 'orderer', '--out', publicFile('orderer.json')]);
    process.stdout.write(
      `6 member hosts and the first orderer host up in ${String(Date.now() - started)} ms\n`,
    );
    // A member host holds its own org's keys only: no other org's folder, no CA of another org.
    expect(readdirSync(join(stateDir('core'), 'orgs'))).toEqual(['core']);
    expect(readdirSync(join(stateDir('o0'), 'orgs'))).toEqual(['orderer']);
  });

  it('creates the channel from the founding orgs’ public definitions and hands each orderer host its node', async () => {
    // The ordering org's operator checks each file against the fingerprint its org read out.
    const checked = FOUNDERS.flatMap((org) => ['--fingerprint', fingerprints.get(org) ?? '']);
    await network('o0', ['import', ...FOUNDERS.map((org) => publicFile(`${org}.json`)), ...checked]);
    await network('o0', ['up']);
    for (const host of ['o1', 'o2'] as const) {
      await network('o0', ['handover', `orderer${host.slice(1)}`, '--out', stateDir(host)]);
    }
    await Promise.all([network('o1', ['up']), network('o2', ['up'])]);
    const identities = readdirSync(join(stateDir('o1'), 'orgs', 'orderer', 'identities')).sort();
    expect(identities).toEqual(['admin', 'orderer1']);
    expect(readdirSync(join(stateDir('o1'), 'orgs', 'orderer'))).not.toContain('registrar');
  });

  // Six rounds of CLI runs on every host: minutes beside npm test's other lane (a wait for work, not a
  // timing goal).
  it(
    'joins each founding member’s peer and deploys the chaincode org by org',
    { timeout: 360_000 },
    async () => {
      const others = (org: string): string[] =>
        [...FOUNDERS, 'orderer'].filter((name) => name !== org).map((name) => publicFile(`${name}.json`));
      await Promise.all(FOUNDERS.map((org) => network(org, ['import', ...others(org)])));
      await Promise.all(FOUNDERS.map((org) => network(org, ['join', '--org', org])));
      await Promise.all(FOUNDERS.map((org) => network(org, ['chaincode', 'install', '--org', org])));
      await Promise.all(FOUNDERS.map((org) => network(org, ['chaincode', 'approve', '--org', org])));
      await network('core', ['chaincode', 'commit', '--org', 'core']);
      await Promise.all(FOUNDERS.map((org) => network(org, ['chaincode', 'run', '--org', org])));
      expect(await network('core', ['charter', 'establish', '--org', 'core'])).toContain(
        'the founding charter is on the ledger',
      );
      const charter = JSON.parse(await network('banka', ['charter', 'show', '--org', 'banka'])) as {
        members: { mspId: string }[];
      };
      expect(charter.members.map((member) => member.mspId).sort()).toEqual([
        'BankAMSP',
        'BankBMSP',
        'CoreFirmMSP',
        'LogisticsMSP',
        'SupplierMSP',
      ]);
    },
  );

  it('runs the business story across the hosts: register, deliver, confirm, split, finance', async () => {
    for (const party of ['core', 'tier1', 'tier2', 'bankA', 'bankB', 'carrier'] as const) {
      const { id, name, kind, org } = PARTIES[party];
      await act(orgAdmin(org), 'enterprise.Register', { id, name, kind });
    }
    const rate = { tenor: '1Y', rateBps: 310, effectiveDate: cstDate(-30) };
    await act(user('bankA', 'admin'), 'rate.Publish', rate);
    await act(user('bankB', 'admin'), 'rate.Publish', rate);
    await act(user('bankA', 'approver'), 'creditline.Grant', {
      debtorId: PARTIES.core.id,
      limit: '500000000',
      expiryDate: cstDate(365),
    });
    const invoice = await act<{ id: string }>(user('tier1', 'clerk'), 'invoice.Register', {
      number: 'INV-MH-1',
      buyerId: PARTIES.core.id,
      amount: '100000000',
      issueDate: cstDate(0),
      dueDate: cstDate(30),
      documentHash: sha('INV-MH-1'),
    });
    const shipment = await act<{ id: string }>(user('carrier', 'clerk'), 'shipment.RecordPickup', {
      invoiceId: invoice.id,
      waybillNumber: 'WB-MH-1',
      origin: 'Ningbo',
      destination: 'Qingdao',
      documentHash: sha('waybill MH-1'),
    });
    await act(user('carrier', 'clerk'), 'shipment.ConfirmDelivery', {
      id: shipment.id,
      deliveryDocumentHash: sha('pod MH-1'),
    });
    await act(user('core', 'approver'), 'invoice.Confirm', { invoiceId: invoice.id, waiveDelivery: false });
    const rootId = invoice.id;
    const backing = await act<{ id: string }>(user('tier2', 'clerk'), 'invoice.Register', {
      number: 'INV-MH-T2',
      buyerId: PARTIES.tier1.id,
      amount: '30000000',
      issueDate: cstDate(0),
      dueDate: cstDate(30),
      documentHash: sha('INV-MH-T2'),
    });
    await act(user('tier1', 'approver'), 'voucher.SplitTransfer', {
      voucherId: rootId,
      piecesJson: [
        { amount: '30000000', toEnterpriseId: PARTIES.tier2.id, invoiceId: backing.id },
        { amount: '70000000' },
      ],
    });
    const toTier2 = `${rootId}.1`;
    await act(user('tier2', 'approver'), 'voucher.AcceptTransfer', { voucherId: toTier2 });
    const { id: financingId } = await act<{ id: string }>(user('tier2', 'clerk'), 'financing.Apply', {
      voucherId: toTier2,
      bankId: PARTIES.bankA.id,
    });
    await act(
      user('bankA', 'approver'),
      'financing.Offer',
      { financingId },
      {
        transient: {
          terms: offerTerms({ advanceRateBps: 9000, spreadBps: 90, fees: '5000' }),
        },
        endorsingOrganizations: ['BankAMSP', 'SupplierMSP'],
      },
    );
    await act(user('tier2', 'approver'), 'financing.Accept', { financingId });
    Object.assign(story, { rootId, financingId });
    // Every org's peer, on its own host, holds the same story; only bank A and tier 2 see the terms.
    await expect(read(orgAdmin('core'), 'voucher.Get', { id: toTier2 })).resolves.toMatchObject({
      holderId: PARTIES.tier2.id,
      status: 'FINANCING',
    });
    await expect(
      read(user('tier2', 'approver'), 'financing.GetTerms', { financingId }),
    ).resolves.toMatchObject({
      faceAmount: '30000000',
      financedAmount: '27000000',
    });
    await expect(
      read(user('bankB', 'approver'), 'financing.GetTerms', { financingId }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('adds bank C to the live channel by a proposal a majority of member admins signed on their own hosts', async () => {
    await network('core', [
      'propose',
      'add-org',
      '--definition',
      publicFile('bankc.json'),
      '--org',
      'core',
      '--out',
      publicFile('add-bankc.json'),
    ]);
    for (const org of ['banka', 'supplier'] as const) {
      await network(org, [
        'sign',
        publicFile('add-bankc.json'),
        '--org',
        org,
        '--out',
        publicFile(`add-bankc.${org}.json`),
      ]);
    }
    const submitted = await network('core', [
      'submit',
      publicFile('add-bankc.banka.json'),
      publicFile('add-bankc.supplier.json'),
      '--org',
      'core',
    ]);
    expect(submitted).toContain('signed by');
    await network('bankc', ['import', ...[...FOUNDERS, 'orderer'].map((name) => publicFile(`${name}.json`))]);
    const joined = await network('bankc', ['join', '--org', 'bankc']);
    const caught = /holds (\d+) blocks \(caught up (\d+) after the join\) in ([\d.]+)s/.exec(joined);
    expect(caught).not.toBeNull();
    process.stdout.write(
      `bank C joined on its own host: caught up ${caught?.[2] ?? '?'} blocks in ${caught?.[3] ?? '?'}s\n`,
    );
    expect(Number(caught?.[1])).toBeGreaterThan(Number(last));
  });

  // Five rounds of CLI runs, on every member's host: as the founders' deployment above.
  it(
    'runs the chaincode on bank C’s node and enters it into the policy and the charter by majority',
    { timeout: 360_000 },
    async () => {
      await network('bankc', ['chaincode', 'install', '--org', 'bankc']);
      await network('bankc', ['chaincode', 'approve', '--current', '--org', 'bankc']);
      const members = [...FOUNDERS, 'bankc' as const];
      await Promise.all(members.map((org) => network(org, ['chaincode', 'approve', '--org', org])));
      await network('bankc', ['chaincode', 'commit', '--org', 'bankc']);
      await Promise.all(members.map((org) => network(org, ['chaincode', 'run', '--org', org])));
      const proposed = await network('core', [
        'charter',
        'propose',
        '--org',
        'core',
        '--add-member',
        'BankCMSP',
        '--kinds',
        'BANK',
      ]);
      const id = /proposal (\S+) \(amends/.exec(proposed)?.[1];
      expect(id).toBeDefined();
      await network('banka', ['charter', 'approve', '--org', 'banka', '--proposal', id ?? '']);
      expect(
        await network('bankb', ['charter', 'approve', '--org', 'bankb', '--proposal', id ?? '']),
      ).toContain('ADOPTED');
    },
  );

  it('lets bank C, admitted, grant a credit line and finance a voucher from its own host', async () => {
    const { id, name, kind } = PARTIES.bankC;
    await act(orgAdmin('bankc'), 'enterprise.Register', { id, name, kind });
    await act(user('bankC', 'approver'), 'creditline.Grant', {
      debtorId: PARTIES.core.id,
      limit: '200000000',
      expiryDate: cstDate(365),
    });
    const kept = `${story.rootId}.2`;
    const { id: financingId } = await act<{ id: string }>(user('tier1', 'clerk'), 'financing.Apply', {
      voucherId: kept,
      bankId: PARTIES.bankC.id,
    });
    await act(
      user('bankC', 'approver'),
      'financing.Offer',
      { financingId },
      {
        transient: {
          terms: offerTerms({ advanceRateBps: 8500, spreadBps: 120, fees: '3000' }),
        },
        endorsingOrganizations: ['BankCMSP', 'SupplierMSP'],
      },
    );
    await act(user('tier1', 'approver'), 'financing.Accept', { financingId });
    await expect(
      read(user('bankC', 'approver'), 'financing.GetTerms', { financingId }),
    ).resolves.toMatchObject({
      faceAmount: '70000000',
    });
    // Bank C sees its own terms, not bank A's.
    await expect(
      read(user('bankC', 'approver'), 'financing.GetTerms', { financingId: story.financingId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('catches bank C’s node API up from block 0: its read model reconciles clean, without bank A’s terms', async () => {
    // The movable-property registry is a service outside every member's node: here on the first host.
    const registryUrl = `http://${theLab().address('o0')}:7009`;
    const registry = theLab().spawn('o0', process.execPath, [join(REPO, 'registry/src/main.ts')], {
      SCF_REGISTRY_HOST: theLab().address('o0'),
      SCF_REGISTRY_PORT: '7009',
      SCF_REGISTRY_DATA_DIR: join(root, 'registry'),
    });
    registry.stdout?.resume();
    registry.stderr?.resume();
    await theLab().run(
      'bankc',
      'bash',
      [
        join(REPO, 'scripts/node.sh'),
        join(REPO, 'node-api/src/cli/nodes.ts'),
        'up',
        '--state-dir',
        stateDir('bankc'),
      ],
      {
        SCF_ADMIN_ENTERPRISE_ID: PARTIES.bankC.id,
        SCF_ADMIN_ENTERPRISE_NAME: PARTIES.bankC.name,
        SCF_ADMIN_ENTERPRISE_KIND: 'BANK',
        SCF_ADMIN_PASSWORD: ADMIN_PASSWORD,
        SCF_REGISTRY_URL: registryUrl,
      },
    );
    const reconcile = (): Promise<string> =>
      theLab().run('bankc', 'bash', [
        join(REPO, 'scripts/node.sh'),
        join(REPO, 'node-api/src/cli/reconcile.ts'),
        '--org',
        'bankc',
        '--state-dir',
        stateDir('bankc'),
      ]);
    const megabytes = Math.round(residentKb('bankc') / 1024);
    process.stdout.write(
      `bank C's whole node (CA, peer, chaincode server, node API, PostgreSQL, portal): ${String(megabytes)} MB resident\n`,
    );
    await expect
      .poll(() => reconcile().catch((error: unknown) => String(error)), { timeout: 60_000 })
      .toContain('no differences');
    const url = `http://${theLab().address('bankc')}:${String(bankcApiPort())}/graphql`;
    const graphql = async (query: string, token?: string): Promise<Record<string, unknown>> => {
      const answer = await agent('bankc').fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query }),
      });
      return JSON.parse(answer.body) as Record<string, unknown>;
    };
    const login = (await graphql(
      `mutation { login(username: "admin", password: "${ADMIN_PASSWORD}") { token } }`,
    )) as { data?: { login?: { token: string } } };
    const token = login.data?.login?.token;
    expect(token).toBeDefined();
    const seen = (await graphql(
      `{ financing(id: "${story.financingId}") { id terms { faceAmount } } }`,
      token,
    )) as { data?: { financing: { terms: unknown } | null } };
    expect(seen.data?.financing?.terms ?? null).toBeNull();
  });

  // Writes retried while the cut-off orderer times out (up to 76 s seen), then the reads polled: more than
  // the file's 120 s per step.
  it(
    'keeps ordering while one orderer host is cut off, losing nothing acknowledged',
    { timeout: 240_000 },
    async () => {
      const writer = orgAdmin('core');
      const acknowledged: string[] = [];
      const write = async (key: string): Promise<void> => {
        for (let attempt = 0; attempt < 5; attempt += 1) {
          try {
            await agent('core').call(writer, 'test.PutNote', { key, text: key });
            acknowledged.push(key);
            return;
          } catch {
            await new Promise((resolve) => setTimeout(resolve, 1000));
          }
        }
      };
      theLab().setLink('o2', false);
      const cutAt = Date.now();
      try {
        for (let index = 0; index < CUT_WRITES; index += 4) {
          await Promise.all([0, 1, 2, 3].map((offset) => write(`cut-${String(index + offset)}`)));
        }
      } finally {
        theLab().setLink('o2', true);
      }
      process.stdout.write(
        `${String(acknowledged.length)} of ${String(CUT_WRITES)} writes acknowledged in ${String(Date.now() - cutAt)} ms while orderer2 was cut off\n`,
      );
      expect(acknowledged.length).toBeGreaterThanOrEqual(CUT_WRITES - 2);
      // Another org's peer: it commits the last blocks a moment after the core's peer acknowledged them.
      for (const key of acknowledged) {
        await expect
          .poll(
            () =>
              read(orgAdmin('supplier'), 'test.GetNote', { key }).catch((error: unknown) => String(error)),
            {
              timeout: 60_000,
            },
          )
          .toMatchObject({ text: key });
      }
    },
  );

  it('removes bank B from the channel by majority: every peer then refuses its users’ writes', async () => {
    await network('core', [
      'propose',
      'remove-org',
      '--msp',
      'BankBMSP',
      '--org',
      'core',
      '--out',
      publicFile('remove-bankb.json'),
    ]);
    const signed = [];
    for (const org of ['banka', 'supplier', 'logistics'] as const) {
      const copy = publicFile(`remove-bankb.${org}.json`);
      await network(org, ['sign', publicFile('remove-bankb.json'), '--org', org, '--out', copy]);
      signed.push(copy);
    }
    await network('core', ['submit', ...signed, '--org', 'core']);
    const grant = agent('bankb').call(
      user('bankB', 'approver'),
      'creditline.Grant',
      {
        debtorId: PARTIES.core.id,
        limit: '100000000',
        expiryDate: cstDate(365),
      },
      { options: { endorsingOrganizations: ['CoreFirmMSP', 'BankAMSP'] } },
    );
    await expect(grant).rejects.toBeInstanceOf(AgentCallError);
    process.stdout.write(
      `bank B's write after its removal: ${String(await grant.catch((error: unknown) => error))}\n`,
    );
    // The others go on writing.
    await expect(
      act(orgAdmin('banka'), 'test.PutNote', { key: 'after-bankb', text: 'bank A writes on' }),
    ).resolves.toMatchObject({ writtenBy: 'BankAMSP' });
  });

  it('brings a host back by its own commands after npm stop, and after its peer is killed with SIGKILL', async () => {
    // The supplier's operator stops its whole host and starts it again; its peer catches up.
    expect(await network('supplier', ['down'])).toContain('stopped');
    await network('supplier', ['up']);
    await expect(
      act(orgAdmin('supplier'), 'test.PutNote', { key: 'supplier-back', text: 'after a stop' }),
    ).resolves.toMatchObject({ writtenBy: 'SupplierMSP' });
    // Core's peer dies without a word; `up` on core's host starts only what is missing.
    const paths = openNetwork({ stateDir: stateDir('core'), log: () => undefined }).paths;
    const peer = runningPid(paths, 'peer0.core');
    expect(peer).toBeDefined();
    process.kill(peer ?? 0, 'SIGKILL');
    await expect.poll(() => runningPid(paths, 'peer0.core')).toBeUndefined();
    await network('core', ['up']);
    expect(runningPid(paths, 'peer0.core')).not.toBe(peer);
    await expect(
      act(orgAdmin('core'), 'test.PutNote', { key: 'core-back', text: 'after SIGKILL' }),
    ).resolves.toMatchObject({ writtenBy: 'CoreFirmMSP' });
  });
});
