import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id with the OWASP baseline (19 MiB, 2 passes, 1 lane). Written out rather than left to the
 * library's defaults so that an upgrade of the library cannot silently weaken new hashes. The
 * algorithm is the numeric value of the library's `Algorithm.Argon2id`: its enum is an ambient
 * `const enum`, which isolated modules cannot reference.
 */
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A salted Argon2id hash in PHC string form (parameters and salt travel inside it). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** True when `password` matches `passwordHash`; a malformed hash counts as a mismatch. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
