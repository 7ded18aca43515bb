import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMember, identityFiles, loadConfig, openNetwork, writeUnits } from '@scf/network';
import { nodeUnits } from '../../src/cli/node-units.ts';

/** A state folder whose org already enrolled the node API's service identity (as after `npm start`). */
function startedState(): string {
  const root = mkdtempSync(join(tmpdir(), 'scf-node-units-'));
  writeFileSync(join(root, 'network.json'), JSON.stringify({ ...loadConfig(), basePort: 18000 }));
  const files = identityFiles(join(root, 'orgs', 'banka', 'identities', 'orgadmin'));
  for (const file of [files.cert, files.key]) {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, 'PEM');
  }
  const request = { org: 'banka', name: 'orgadmin', enterpriseId: 'ORG-ADMIN', role: 'admin' };
  writeFileSync(join(files.dir, 'user.json'), JSON.stringify(request));
  return root;
}

describe('node API and portal units', () => {
  it('run the node API after its org CA, peer and chaincode server, and the portal after it', async () => {
    const root = startedState();
    const ctx = openNetwork({ stateDir: root, log: () => undefined });
    const units = await nodeUnits(ctx, findMember(ctx.topology, 'banka'));
    expect(units.map((unit) => [unit.name, unit.after])).toEqual([
      ['node-api-banka', ['ca-banka', 'peer0.banka', 'chaincode-banka']],
      ['portal-banka', ['node-api-banka']],
    ]);
    const dir = join(root, 'units');
    writeUnits(units, { org: 'banka', dir, workingDirectory: root, generatedBy: 'test' });
    const api = readFileSync(join(dir, 'scf-node-api-banka.service'), 'utf8');
    expect(api).toContain(
      'After=network-online.target scf-ca-banka.service scf-peer0.banka.service scf-chaincode-banka.service',
    );
    expect(api).toMatch(
      /^ExecStart=\S+ --disable-warning=MODULE_TYPELESS_PACKAGE_JSON \S+\/node-api\/src\/server\.ts$/m,
    );
    expect(api).toContain('Restart=on-failure');
    const env = readFileSync(join(dir, 'scf-node-api-banka.env'), 'utf8');
    expect(env).toContain('SCF_ORG="banka"\n');
    expect(env).toContain('SCF_PORT="18026"\n');
    expect(env).toContain('SCF_DB_PORT="18028"\n');
    expect(env).toMatch(/^SCF_KEY_ENCRYPTION_KEY="[A-Za-z0-9+/=]{44}"$/m);
    const portal = readFileSync(join(dir, 'scf-portal-banka.env'), 'utf8');
    expect(portal).toContain('SCF_NODE_API_URL="http://127.0.0.1:18026"\n');
  });
});
