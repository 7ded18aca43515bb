import { ERROR_CODE_MEANINGS, NodeErrorCodes, type ApiErrorCode } from '../errors/codes.ts';
import { builder } from './builder.ts';

const codes = Object.values(NodeErrorCodes);

/** Every code of the node API (errors/codes.ts), each value named as it travels and documented. */
export const ErrorCodeEnum = builder.enumType('ErrorCode', {
  description:
    "A refusal's code: `extensions.code` of a GraphQL error, `code` in the JSON body of /documents. " +
    'The ledger codes pass through from the chaincode unchanged.',
  values: Object.fromEntries(
    codes.map((code) => [code, { value: code, description: ERROR_CODE_MEANINGS[code] }]),
  ) as Record<ApiErrorCode, { value: ApiErrorCode; description: string }>,
});

builder.queryField('errorCodes', (t) =>
  t.field({
    type: [ErrorCodeEnum],
    description:
      'Every error code this API answers with, so clients can check that they know each one (public).',
    resolve: () => codes,
  }),
);
