import { invalid } from './errors';

export function requireText(value: unknown, field: string, max: number, pattern?: RegExp): string {
  if (typeof value !== 'string' || value.trim().length === 0) throw invalid(`${field} is required`);
  if (value.length > max) throw invalid(`${field} must be at most ${max} characters`);
  if (pattern && !pattern.test(value))
    throw invalid(`${field} has an invalid format: ${JSON.stringify(value)}`);
  return value;
}

export function optionalText(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return requireText(value, field, max);
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A SHA-256 digest in lower-case hex: documents stay off chain, their digests go on it. */
export function requireSha256(value: unknown, field: string): string {
  if (typeof value !== 'string' || !SHA256_HEX.test(value)) {
    throw invalid(`${field} must be a SHA-256 digest in lower-case hex (64 characters)`);
  }
  return value;
}

export function requireOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(`${field} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

export function requireInt(value: unknown, field: string, min: number, max: number): number {
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    throw invalid(`${field} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return number;
}

/** Parses a JSON argument (lists and records travel as JSON strings). */
export function parseJsonArg(value: string, field: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw invalid(`${field} must be valid JSON`);
  }
}
