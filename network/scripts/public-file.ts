import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A public file that passes between orgs (an org definition, a channel update proposal) and cannot be
 * used as it is: names the file and the field at fault.
 */
export class PublicFileError extends Error {
  readonly file: string;
  readonly field: string;

  constructor(file: string, field: string, reason: string) {
    super(`${file}: ${field} ${reason}`);
    this.name = new.target.name;
    this.file = file;
    this.field = field;
  }
}

/** A public document as a file's text: stable field order, one trailing newline. */
export function formatPublicJson(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Writes a public document readable by everyone (mode 644, also over an existing file): public by design. */
export function writePublicJson(file: string, document: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, formatPublicJson(document), { mode: 0o644 });
  chmodSync(file, 0o644);
}
