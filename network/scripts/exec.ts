import { execFile } from 'node:child_process';

export class CommandError extends Error {
  readonly command: string;
  readonly output: string;

  constructor(command: string, output: string, cause: Error) {
    super(`${command} failed: ${lastLines(output) || cause.message}`);
    this.name = CommandError.name;
    this.command = command;
    this.output = output;
  }
}

function lastLines(text: string, count = 8): string {
  return text.trim().split('\n').slice(-count).join('\n');
}

export interface RunOptions {
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
}

/** Runs a command to completion; resolves with stdout, rejects with a CommandError carrying its output. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 32 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error) {
          const name = [command.split('/').pop(), ...args.slice(0, 3)].join(' ');
          reject(new CommandError(name, `${stdout}\n${stderr}`, error));
        } else {
          resolve(stdout);
        }
      },
    );
  });
}
