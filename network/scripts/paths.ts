import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHAINCODE_DIR = join(REPO_ROOT, 'chaincode');
export const BUILDERS_DIR = fileURLToPath(new URL('../builders', import.meta.url));

/** The default state folder (git-ignored); SCF_STATE_DIR or --state-dir move it. */
export function defaultStateDir(): string {
  return process.env.SCF_STATE_DIR ?? join(REPO_ROOT, '.state');
}

/** Layout of one network's state folder: everything it writes lives below `root`. */
export class StatePaths {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  get plan(): string {
    return join(this.root, 'network.json');
  }
  /** Which orgs and orderers this folder runs (local-nodes.ts); absent for the one-box demo. */
  get localShare(): string {
    return join(this.root, 'local.json');
  }
  get logs(): string {
    return join(this.root, 'logs');
  }
  get pids(): string {
    return join(this.root, 'pids');
  }
  /**
   * Written by `down` before it stops anything, removed by `up`: while it exists no process of this
   * state folder starts, and a watch that heals the consortium ends instead of restarting what `down` stops.
   */
  get stopRequested(): string {
    return join(this.root, 'stop-requested');
  }
  get channel(): string {
    return join(this.root, 'channel');
  }
  get genesisBlock(): string {
    return join(this.channel, 'genesis.block');
  }
  /** Public files of the consortium: each founding org's exported definition. */
  get consortium(): string {
    return join(this.root, 'consortium');
  }
  definition(org: string): string {
    return join(this.consortium, 'definitions', `${org}.json`);
  }
  /** Another org's TLS root certificate, written from its imported definition. */
  tlsRoot(org: string): string {
    return join(this.consortium, 'tls', `${org}.pem`);
  }
  get chaincode(): string {
    return join(this.root, 'chaincode');
  }
  log(process: string): string {
    return join(this.logs, `${process}.log`);
  }
  pid(process: string): string {
    return join(this.pids, `${process}.pid`);
  }
  org(org: string): string {
    return join(this.root, 'orgs', org);
  }
  caHome(org: string): string {
    return join(this.org(org), 'ca');
  }
  caCert(org: string): string {
    return join(this.caHome(org), 'ca-cert.pem');
  }
  registrar(org: string): string {
    return join(this.org(org), 'registrar');
  }
  /** An enrolled identity: msp/ (signing) and tls/ (TLS client/server) below it. */
  identity(org: string, name: string): string {
    return join(this.org(org), 'identities', name);
  }
  nodeData(org: string, node: string): string {
    return join(this.org(org), 'nodes', node);
  }
}
