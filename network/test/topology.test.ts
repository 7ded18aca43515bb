import { describe, expect, it } from 'vitest';
import { loadConfig, portSpan } from '../scripts/config.ts';
import { allPorts, findMember, planTopology } from '../scripts/topology.ts';

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

  it('refuses an unknown org by name, listing the known ones', () => {
    const topology = planTopology(loadConfig());
    expect(() => findMember(topology, 'bankc')).toThrow(/unknown org "bankc" \(members: core, supplier/);
  });
});
