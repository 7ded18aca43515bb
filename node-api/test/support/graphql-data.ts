import type { GraphQLResult } from './api-harness.ts';

/** The data of a result that must have succeeded; fails the test with the errors otherwise. */
export function dataOf<T>(result: GraphQLResult<T>): T {
  if (result.errors || !result.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors ?? 'no data')}`);
  }
  return result.data;
}

/** The `extensions.code` of each error of a result. */
export function codesOf(result: GraphQLResult<unknown>): (string | undefined)[] {
  return (result.errors ?? []).map((error) => error.extensions?.code);
}
