import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function randomSecret(): string {
  return randomBytes(18).toString('base64url');
}

/** The enrollment secret of an identity, created at first use and kept (mode 600) for re-enrollment. */
export function identitySecret(file: string, identity: string): string {
  const secrets: Record<string, string> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
    : {};
  const known = secrets[identity];
  if (known) return known;
  const secret = randomSecret();
  secrets[identity] = secret;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secret;
}
