import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processEnvironment, type ProcessSpec } from './processes.ts';

/** One process of an org's node as a systemd service: what `npm start` runs, restarted by systemd. */
export interface UnitSpec {
  /** The process's name in the demo (`peer0.core`); the unit is `scf-<name>.service`. */
  name: string;
  /** What it is, for people (`peer of core`). */
  description: string;
  spec: Omit<ProcessSpec, 'name'>;
  /** Processes (by name) it must start after, and wants running. */
  after: string[];
}

export interface UnitOptions {
  /** The org whose node the units make up; its target is `scf-<org>.target`. */
  org: string;
  /** Where the unit and environment files go (EnvironmentFile= names that folder). */
  dir: string;
  /** The folder processes run in unless their spec names one. */
  workingDirectory: string;
  /** The account the services run as; systemd's default (root) without it. */
  user?: string | undefined;
  /** The command that wrote the files, for their header. */
  generatedBy: string;
}

/** Seconds systemd waits before a restart, and the open files each process may hold. */
export const RESTART_SEC = 5;
export const LIMIT_NOFILE = 65_536;

export function serviceName(process: string): string {
  return `scf-${process}.service`;
}

export function targetName(org: string): string {
  return `scf-${org}.target`;
}

/**
 * One word of ExecStart=: `$` and `%` would be expanded by systemd, so they are doubled; a word with
 * anything but plain path characters is double-quoted with C-style escapes.
 */
export function execWord(word: string): string {
  const escaped = word.replaceAll('%', '%%').replaceAll('$', '$$$$');
  if (/^[\w./:=,@+-]+$/.test(escaped)) return escaped;
  return `"${escaped.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/**
 * An EnvironmentFile=: one `KEY="value"` per line, escaped as systemd's (shell-like) parser reads
 * double quotes. A value holding a line break cannot be written there and is refused.
 */
export function environmentFile(env: Record<string, string>): string {
  const lines = Object.entries(env).map(([key, value]) => {
    if (!/^[A-Za-z_]\w*$/.test(key)) throw new Error(`environment variable name "${key}" is not valid`);
    if (/[\r\n]/.test(value)) throw new Error(`environment variable ${key} holds a line break`);
    return `${key}="${value.replace(/[\\"$`]/g, (char) => `\\${char}`)}"`;
  });
  return `${lines.join('\n')}\n`;
}

export function renderService(unit: UnitSpec, options: UnitOptions): string {
  const needs = ['network-online.target', ...unit.after.map(serviceName)].join(' ');
  const command = [unit.spec.command, ...unit.spec.args].map(execWord).join(' ');
  return [
    `# ${serviceName(unit.name)}: the ${unit.description}, written by \`${options.generatedBy}\`.`,
    '# It runs what `npm start` runs, with the same environment (the .env file beside it, mode 600).',
    '[Unit]',
    `Description=SCF consortium, org ${options.org}: ${unit.description} (${unit.name})`,
    `PartOf=${targetName(options.org)}`,
    `After=${needs}`,
    `Wants=${needs}`,
    '',
    '[Service]',
    'Type=simple',
    ...(options.user === undefined ? [] : [`User=${options.user}`]),
    `WorkingDirectory=${unit.spec.cwd ?? options.workingDirectory}`,
    `EnvironmentFile=${join(options.dir, `scf-${unit.name}.env`)}`,
    `ExecStart=${command}`,
    'Restart=on-failure',
    `RestartSec=${RESTART_SEC}`,
    `LimitNOFILE=${LIMIT_NOFILE}`,
    'TimeoutStopSec=30',
    '',
    '[Install]',
    `WantedBy=${targetName(options.org)}`,
    '',
  ].join('\n');
}

export function renderTarget(units: readonly UnitSpec[], options: UnitOptions): string {
  return [
    `# ${targetName(options.org)}: every process of org ${options.org}'s node, written by \`${options.generatedBy}\`.`,
    '[Unit]',
    `Description=SCF consortium node of org ${options.org}`,
    `Wants=${units.map((unit) => serviceName(unit.name)).join(' ')}`,
    'After=network-online.target',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

/**
 * Writes one service and one environment file per process, and the org's target that wants them
 * all. Environment files hold keys and passwords: mode 600. Returns the files written.
 */
export function writeUnits(units: readonly UnitSpec[], options: UnitOptions): string[] {
  mkdirSync(options.dir, { recursive: true });
  const written: string[] = [];
  for (const unit of units) {
    const envFile = join(options.dir, `scf-${unit.name}.env`);
    writeFileSync(envFile, environmentFile(processEnvironment(unit.spec)), { mode: 0o600 });
    chmodSync(envFile, 0o600);
    const service = join(options.dir, serviceName(unit.name));
    writeFileSync(service, renderService(unit, options));
    written.push(service, envFile);
  }
  const target = join(options.dir, targetName(options.org));
  writeFileSync(target, renderTarget(units, options));
  written.push(target);
  return written;
}
