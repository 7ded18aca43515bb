import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fetchPeerProfile, type NetworkContext } from '@scf/network';

const execFileAsync = promisify(execFile);

/** Functions listed per workload: enough to see where a peer's CPU goes. */
const TOP = 30;

/**
 * Profiles every member's peer for `seconds` into `folder` as <label>.<org>.pprof (Go's pprof format).
 * A profile that fails is reported on stderr and skipped: it must not end a long benchmark.
 */
export async function profilePeers(
  ctx: NetworkContext,
  folder: string,
  label: string,
  seconds: number,
): Promise<void> {
  mkdirSync(folder, { recursive: true });
  await Promise.all(
    ctx.topology.members.map(async (org) => {
      try {
        writeFileSync(join(folder, `${label}.${org.name}.pprof`), await fetchPeerProfile(org, seconds));
      } catch (error) {
        process.stderr.write(`[bench] no peer profile of ${org.name} for ${label}: ${String(error)}\n`);
      }
    }),
  );
}

/**
 * Per workload, the peers' profiles merged (every org's peer, every round) into pprof's top functions
 * by self time, with `go tool pprof` when Go is installed; otherwise where the files are.
 */
export async function peerProfileSummaries(
  folder: string,
  transactions: ReadonlyMap<string, number>,
): Promise<string> {
  const files = readdirSync(folder).filter((file) => file.endsWith('.pprof'));
  const sections: string[] = [];
  for (const [workload, committed] of transactions) {
    const mine = files.filter((file) => file.startsWith(`${workload}-`)).map((file) => join(folder, file));
    if (mine.length === 0) continue;
    try {
      const { stdout } = await execFileAsync(
        'go',
        ['tool', 'pprof', '-top', `-nodecount=${String(TOP)}`, ...mine],
        { maxBuffer: 16 * 1024 * 1024 },
      );
      sections.push(
        `### ${workload}: ${String(mine.length)} profiles, ${String(committed)} transactions committed in them\n\n` +
          `\`\`\`\n${stdout.trimEnd()}\n\`\`\``,
      );
    } catch (error) {
      sections.push(
        `### ${workload}\n\n${String(mine.length)} profiles in ${folder}; \`go tool pprof\` failed: ${String(error).split('\n')[0] ?? ''}`,
      );
    }
  }
  return sections.join('\n\n');
}
