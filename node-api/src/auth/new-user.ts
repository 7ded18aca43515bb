import { z } from 'zod';
import { NodeErrorCodes, userError } from '../schema/errors.ts';
import { ROLES } from './session-user.ts';
import type { NewUser } from './user-directory.ts';

/**
 * What a new user must look like. Passwords are capped too: Argon2 hashes any length, and an
 * unbounded one would let a caller make the node hash megabytes per request.
 */
const NewUserSchema = z.object({
  username: z.string().regex(/^[a-z][a-z0-9._-]{2,63}$/, 'a lower-case name of 3 to 64 characters'),
  password: z.string().min(12, 'at least 12 characters').max(256, 'at most 256 characters'),
  displayName: z.string().trim().min(1, 'required').max(100, 'at most 100 characters'),
  role: z.enum(ROLES),
  enterpriseId: z.string().min(1, 'required').max(64, 'at most 64 characters'),
});

/** The input, checked (display name trimmed); INVALID_ARGUMENT listing every problem otherwise. */
export function parseNewUser(input: NewUser): NewUser {
  const parsed = NewUserSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw userError(NodeErrorCodes.InvalidArgument, problems.join('; '));
}
