import { SHA256_HEX } from '../../documents/sha256.ts';
import { textArg } from '../text-rule.ts';

/**
 * Input bounds the node checks before anything reaches the ledger (the chaincode checks them again).
 * Each is a text rule (schema/text-rule.ts): NFC-normalised, no control characters or lone surrogates,
 * not blank, at most `max` characters after normalisation. Only reasons may span lines.
 */
export const TEXT = {
  id: textArg({ max: 128 }),
  name: textArg({ max: 200 }),
  number: textArg({ max: 64 }),
  reason: textArg({ max: 500, multiline: true }),
  reference: textArg({ max: 128 }),
  place: textArg({ max: 200 }),
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
