import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { NetworkContext } from './context.ts';
import { run } from './exec.ts';
import { endpoint } from './hosts.ts';
import { CHAINCODE_DIR } from './paths.ts';
import type { MemberPlan } from './topology.ts';

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? filesBelow(path) : [path];
    })
    .sort();
}

/** The label names the chaincode and a hash of its build: a changed build is a new definition. */
export function chaincodeLabel(name: string, dir = CHAINCODE_DIR): string {
  const dist = join(dir, 'dist');
  if (!existsSync(join(dist, 'index.js'))) {
    throw new Error(
      `chaincode is not built (${dist}/index.js missing): run npm run build --prefix chaincode`,
    );
  }
  const hash = createHash('sha256');
  for (const file of [...filesBelow(dist), join(dir, 'package.json'), join(dir, 'package-lock.json')]) {
    if (!existsSync(file) || statSync(file).isDirectory()) continue;
    hash.update(relative(dir, file)).update('\0').update(readFileSync(file));
  }
  return `${name}_${hash.digest('hex').slice(0, 12)}`;
}

/**
 * Writes the org's chaincode-as-a-service package: metadata.json plus code.tar.gz holding only
 * connection.json (where the org's chaincode server listens). Built with fixed timestamps and owners
 * so that the same label always yields the same package id.
 */
export async function buildPackage(ctx: NetworkContext, org: MemberPlan, label: string): Promise<string> {
  const dir = join(ctx.paths.chaincode, org.name, label);
  const file = join(dir, `${label}.tar.gz`);
  if (existsSync(file)) return file;
  const work = join(dir, 'work');
  mkdirSync(join(work, 'code'), { recursive: true });
  // The peer dials the server at its advertised address (the chaincode server binds the listen host).
  const connection = {
    address: endpoint(org.peer.host, org.peer.chaincodeServerPort),
    dial_timeout: '10s',
    tls_required: false,
  };
  writeFileSync(join(work, 'code', 'connection.json'), JSON.stringify(connection));
  writeFileSync(join(work, 'metadata.json'), JSON.stringify({ label, type: 'ccaas' }));
  const fixed = ['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner'];
  await run('tar', [...fixed, '-cf', join(work, 'code.tar'), '-C', join(work, 'code'), 'connection.json']);
  await run('gzip', ['-n', '-f', join(work, 'code.tar')]);
  await run('tar', [...fixed, '-cf', join(dir, `${label}.tar`), '-C', work, 'code.tar.gz', 'metadata.json']);
  await run('gzip', ['-n', '-f', join(dir, `${label}.tar`)]);
  rmSync(work, { recursive: true, force: true });
  return file;
}

export function packageId(label: string, file: string): string {
  return `${label}:${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
}

/** The label part of a package id (`scf_0123abcd:sha256…`). */
export function packageLabel(id: string): string {
  return id.slice(0, id.lastIndexOf(':'));
}
