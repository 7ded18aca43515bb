import { describe, expect, it } from 'vitest';
import { loadConfig, portSpan, validateConfig, type ConsortiumConfig } from '../scripts/config.ts';
import { tlsHostNames } from '../scripts/hosts.ts';
import { allListeners, allPorts, findMember, findOrg, planTopology } from '../scripts/topology.ts';

/** The shipped config with banka on a host of its own and each orderer on its own host. */
function spreadConfig(): ConsortiumConfig {
  const config = structuredClone(loadConfig(undefined, { basePort: 7000 }));
  Object.assign(config.members[2] ?? {}, { host: 'peer.banka.example', listenHost: '0.0.0.0' });
  config.ordererOrg.hosts = ['10.30.0.1', '10.30.0.2', 'orderer2.example'];
  return validateConfig(config);
}

describe('topology', () => {
  it('gives every node distinct ports inside the reserved span', () => {
    for (const orderers of [1, 3, 6]) {
      const config = loadConfig(undefined, { basePort: 40000, orderers });
      const ports = allPorts(planTopology(config));
      expect(new Set(ports).size).toBe(ports.length);
      expect(Math.min(...ports)).toBeGreaterThanOrEqual(40000);
      expect(Math.max(...ports)).toBeLessThan(40000 + portSpan(config));
    }
  });

  it('names nodes after their org and lays ports out per org block', () => {
    const topology = planTopology(loadConfig(undefined, { basePort: 7000 }));
    const supplier = findMember(topology, 'supplier');
    expect(supplier.peer).toMatchObject({
      name: 'peer0.supplier',
      mspId: 'SupplierMSP',
      port: 7012,
      opsPort: 7014,
    });
    expect(supplier.ca).toMatchObject({ name: 'ca-supplier', port: 7010 });
    expect(supplier.reserved).toEqual({ nodeApi: 7016, portal: 7017, database: 7018 });
    expect(topology.ordererOrg.orderers.map((node) => node.port)).toEqual([7052, 7055, 7058]);
  });

  it('advertises each org’s own host and binds its listen host, defaulting to the consortium’s', () => {
    const topology = planTopology(spreadConfig());
    const banka = findMember(topology, 'banka');
    expect(banka.peer).toMatchObject({ host: 'peer.banka.example', listenHost: '0.0.0.0' });
    expect(banka.ca).toMatchObject({ host: 'peer.banka.example', listenHost: '0.0.0.0' });
    expect(findMember(topology, 'core').peer).toMatchObject({ host: '127.0.0.1', listenHost: '127.0.0.1' });
    expect(topology.ordererOrg.orderers.map(({ host, listenHost }) => [host, listenHost])).toEqual([
      ['10.30.0.1', '10.30.0.1'],
      ['10.30.0.2', '10.30.0.2'],
      ['orderer2.example', 'orderer2.example'],
    ]);
    expect(topology.ordererOrg.ca).toMatchObject({ host: '127.0.0.1', listenHost: '127.0.0.1' });
  });

  it('binds everything on a consortium-wide listen host unless an org sets its own', () => {
    const config = structuredClone(spreadConfig());
    config.listenHost = '0.0.0.0';
    Object.assign(config.members[2] ?? {}, { listenHost: '10.0.0.9' });
    Object.assign(config.ordererOrg, { listenHost: '10.30.0.9' });
    const topology = planTopology(config);
    expect(findMember(topology, 'core').peer.listenHost).toBe('0.0.0.0');
    expect(findMember(topology, 'banka').peer.listenHost).toBe('10.0.0.9');
    expect(new Set(topology.ordererOrg.orderers.map((node) => node.listenHost))).toEqual(
      new Set(['10.30.0.9']),
    );
  });

  it('checks every port on its listen host', () => {
    const topology = planTopology(spreadConfig());
    const listeners = allListeners(topology);
    expect(listeners).toHaveLength(allPorts(topology).length);
    expect(listeners).toContainEqual({ node: 'peer0.banka', host: '0.0.0.0', port: 7022 });
    expect(listeners).toContainEqual({ node: 'chaincode-banka', host: '0.0.0.0', port: 7025 });
    expect(listeners).toContainEqual({ node: 'orderer1', host: '10.30.0.2', port: 7056 });
    expect(listeners).toContainEqual({ node: 'ca-core', host: '127.0.0.1', port: 7001 });
  });

  it('puts the advertised host, the local address, the node name and localhost in TLS certificates', () => {
    const topology = planTopology(spreadConfig());
    expect(tlsHostNames(findMember(topology, 'banka').peer)).toEqual([
      'peer.banka.example',
      '127.0.0.1',
      'peer0.banka',
      'localhost',
    ]);
    expect(tlsHostNames(findMember(topology, 'core').peer)).toEqual(['127.0.0.1', 'peer0.core', 'localhost']);
  });

  it('finds the orderer org by name too', () => {
    const topology = planTopology(spreadConfig());
    expect(findOrg(topology, 'orderer')).toBe(topology.ordererOrg);
    expect(findOrg(topology, 'banka')).toBe(findMember(topology, 'banka'));
    expect(() => findOrg(topology, 'bankc')).toThrow(/unknown org "bankc" \(orgs: core, .*, orderer\)/);
  });

  it('refuses an unknown org by name, listing the known ones', () => {
    const topology = planTopology(loadConfig());
    expect(() => findMember(topology, 'bankc')).toThrow(/unknown org "bankc" \(members: core, supplier/);
  });
});
