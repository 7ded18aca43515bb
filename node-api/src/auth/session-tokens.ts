import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer tokens of login sessions. The client holds the token; the database only its SHA-256, so a
 * leaked copy of the sessions table cannot be replayed. A plain hash is enough (no salt, no stretching):
 * the token is 256 random bits, not a guessable password.
 */
export function newSessionToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashSessionToken(token) };
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
