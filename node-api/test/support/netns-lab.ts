import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** Network namespaces cannot be made here: the test cannot stand for separate hosts. */
export class NetnsUnavailableError extends Error {
  constructor(cause: string) {
    super(
      `cannot create Linux network namespaces (ip netns, veth, bridge; needs root and iproute2): ${cause}`,
    );
    this.name = NetnsUnavailableError.name;
  }
}

/** A command run in a namespace failed: its exit code and output. */
export class LabCommandError extends Error {
  readonly output: string;

  constructor(host: string, command: string, code: number | null, output: string) {
    super(`[${host}] ${command} exited with ${String(code)}:\n${output.slice(-4000)}`);
    this.name = LabCommandError.name;
    this.output = output;
  }
}

/** The private range the hosts talk on: it exists only inside the lab's namespaces, routed nowhere. */
const SUBNET = '10.77.0';

function ip(args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Separate hosts on one machine: one network namespace per host, each with its own loopback, port
 * space and one interface (`eth0`, an address of 10.77.0.0/24) cabled by a veth pair to a bridge that
 * lives in a namespace of its own (the switch). Nothing is added to the machine's own namespace, so
 * nothing routes out; `destroy` kills every process left in the namespaces and deletes them, which
 * removes every link with them.
 */
export class NetnsLab {
  readonly hosts: readonly string[];
  private readonly prefix: string;
  private destroyed = false;

  private constructor(prefix: string, hosts: readonly string[]) {
    this.prefix = prefix;
    this.hosts = hosts;
  }

  /** Creates the switch and one namespace per host name (short names: they become interface names). */
  static create(hosts: readonly string[]): NetnsLab {
    const lab = new NetnsLab(`scf${randomBytes(2).toString('hex')}`, hosts);
    process.once('exit', () => {
      lab.destroy();
    });
    try {
      ip(['netns', 'add', lab.switchName]);
      ip(['-n', lab.switchName, 'link', 'add', 'br0', 'type', 'bridge']);
      ip(['-n', lab.switchName, 'link', 'set', 'br0', 'up']);
      hosts.forEach((host, index) => {
        lab.addHost(host, index);
      });
    } catch (error) {
      lab.destroy();
      const stderr = (error as { stderr?: Buffer | string }).stderr?.toString().trim();
      throw new NetnsUnavailableError(stderr || (error as Error).message);
    }
    return lab;
  }

  private get switchName(): string {
    return `${this.prefix}-sw`;
  }

  namespace(host: string): string {
    if (!this.hosts.includes(host)) throw new Error(`no host "${host}" in the lab`);
    return `${this.prefix}-${host}`;
  }

  /** The host's address on the lab's network. */
  address(host: string): string {
    return `${SUBNET}.${String(this.hosts.indexOf(host) + 2)}`;
  }

  private port(host: string): string {
    return `p${String(this.hosts.indexOf(host))}`;
  }

  private addHost(host: string, index: number): void {
    const ns = this.namespace(host);
    ip(['netns', 'add', ns]);
    ip(['-n', ns, 'link', 'set', 'lo', 'up']);
    ip([
      '-n',
      this.switchName,
      'link',
      'add',
      this.port(host),
      'type',
      'veth',
      'peer',
      'name',
      'eth0',
      'netns',
      ns,
    ]);
    ip(['-n', this.switchName, 'link', 'set', this.port(host), 'master', 'br0', 'up']);
    ip(['-n', ns, 'addr', 'add', `${SUBNET}.${String(index + 2)}/24`, 'dev', 'eth0']);
    ip(['-n', ns, 'link', 'set', 'eth0', 'up']);
  }

  /** The processes running in the host's namespace. */
  pids(host: string): number[] {
    return ip(['netns', 'pids', this.namespace(host)])
      .split('\n')
      .filter(Boolean)
      .map(Number);
  }

  /** Unplugs (or plugs back) the host's cable at the switch. */
  setLink(host: string, up: boolean): void {
    ip(['-n', this.switchName, 'link', 'set', this.port(host), up ? 'up' : 'down']);
  }

  /** Starts a process inside the host's namespace. */
  spawn(host: string, command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
    return spawn('ip', ['netns', 'exec', this.namespace(host), command, ...args], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  }

  /** Runs a command inside the host's namespace; resolves to its stdout, rejects with its output. */
  run(host: string, command: string, args: string[], env: Record<string, string> = {}): Promise<string> {
    const child = this.spawn(host, command, args, env);
    child.stdin?.end();
    let stdout = '';
    let both = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      both += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      both += chunk.toString();
    });
    return new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => {
        if (code === 0) resolve(stdout);
        else reject(new LabCommandError(host, [command, ...args].join(' '), code, both));
      });
    });
  }

  /** Kills every process left in the namespaces and deletes them (and with them every link). */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const ns of [...this.hosts.map((host) => `${this.prefix}-${host}`), this.switchName]) {
      try {
        const pids = ip(['netns', 'pids', ns]).split('\n').filter(Boolean);
        for (const pid of pids) {
          try {
            process.kill(Number(pid), 'SIGKILL');
          } catch {
            // gone already
          }
        }
        ip(['netns', 'del', ns]);
      } catch {
        // never created, or deleted already
      }
    }
  }
}
