import type { ApiErrorCode } from '../errors/codes.ts';

/** The body of every non-GraphQL error: a code to branch on (NodeErrorCodes) and a message for people. */
export interface ErrorBody {
  code: ApiErrorCode;
  message: string;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

export function errorResponse(
  status: number,
  code: ApiErrorCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(status, { code, message } satisfies ErrorBody, headers);
}
