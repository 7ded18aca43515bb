import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { topSelfTime, type CpuProfile } from './cpu-profile-summary.ts';
import { table } from './stats.ts';

/** A self-time table per .cpuprofile under `folder` (one sub-folder per org's chaincode server). */
export function profileSummaries(folder: string, limit: number): string {
  if (!existsSync(folder)) return `no profiles in ${folder}`;
  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.cpuprofile'))
    .sort();
  if (files.length === 0) return `no .cpuprofile written in ${folder} (did the servers stop by SIGTERM?)`;
  return files
    .map((file) => {
      const profile = JSON.parse(readFileSync(join(folder, file), 'utf8')) as CpuProfile;
      const rows = topSelfTime(profile, limit).map((entry) => [
        entry.function,
        entry.selfMs.toFixed(0),
        `${(entry.share * 100).toFixed(1)} %`,
      ]);
      return `${file}\n\n${table(['function', 'self ms', 'share'], rows)}`;
    })
    .join('\n\n');
}
