import { requireOneOf } from '@scf/ledger-contract';

const BOOLEAN_ARGS = ['true', 'false'] as const;

/** A boolean argument, which travels as `true` or `false`. */
export function parseBooleanArg(value: string, field: string): boolean {
  return requireOneOf(value, field, BOOLEAN_ARGS) === 'true';
}
