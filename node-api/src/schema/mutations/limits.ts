import { creditCodeProblem, SHA256_HEX, TEXT_RULES } from '@scf/ledger-contract';
import * as z from 'zod';
import { textArg } from '../text-rule.ts';

/**
 * Input bounds the node checks before anything reaches the ledger (the chaincode checks them again):
 * the ledger's own text rules (TEXT_RULES of @scf/ledger-contract), each NFC-normalised, free of
 * control characters and unpaired surrogates, not blank, at most `max` code points. Only reasons may
 * span lines.
 */
export const TEXT = {
  id: textArg(TEXT_RULES.id),
  name: textArg(TEXT_RULES.name),
  documentNumber: textArg({
    ...TEXT_RULES.documentNumber,
    patternHint: 'may hold only letters, digits and - _ /',
  }),
  orderNumber: textArg(TEXT_RULES.orderNumber),
  reason: textArg(TEXT_RULES.reason),
  paymentReference: textArg(TEXT_RULES.paymentReference),
  place: textArg(TEXT_RULES.place),
  goods: textArg(TEXT_RULES.goods),
  unit: textArg(TEXT_RULES.unit),
  /**
   * A document's SHA-256: any argument checked with this names a document, and the builder refuses it
   * (DOCUMENT_NOT_OWNED, before the resolver runs) unless the caller's enterprise uploaded that
   * document to this node (schema/document-owner-plugin.ts).
   */
  sha256: textArg({
    max: 64,
    pattern: SHA256_HEX,
    patternHint: 'must be a SHA-256 in lower-case hex (64 characters)',
    document: true,
  }),
} as const;

/**
 * `validate` options for a unified social credit code (an enterprise's id): the ledger's GB 32100 check,
 * check character included; passes the code on in upper case, as the ledger stores it.
 */
export const CREDIT_CODE = {
  schema: z.string().transform((value, ctx) => {
    const problem = creditCodeProblem(value);
    if (problem === undefined) return value.toUpperCase();
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }),
};
