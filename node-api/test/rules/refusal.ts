import { ApiError } from '../../src/demo/graphql-client.ts';

/** The error code a node API answered a write with, or `written` when it took it. */
export async function refusal(write: Promise<unknown>): Promise<string> {
  try {
    await write;
  } catch (error) {
    if (error instanceof ApiError) return error.code;
    throw error;
  }
  return 'written';
}
