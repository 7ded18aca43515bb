/**
 * What may be uploaded: the formats invoices and waybills come in. Binary formats must also start the
 * way their type says, so a file cannot pass as a PDF or image while being something a browser would
 * render as a page.
 */
const SIGNATURES: Readonly<Record<string, readonly number[] | null>> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'application/xml': null,
  'text/xml': null,
  'application/json': null,
  'text/plain': null,
};

export const ALLOWED_DOCUMENT_TYPES: readonly string[] = Object.keys(SIGNATURES);

/** The bare media type (`Text/Plain; charset=utf-8` → `text/plain`), or null when it is not allowed. */
export function allowedDocumentType(declared: string): string | null {
  const type = declared.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return Object.hasOwn(SIGNATURES, type) ? type : null;
}

/** Whether the bytes begin with the signature of `type` (types without one always match). */
export function contentMatchesType(content: Uint8Array, type: string): boolean {
  const signature = SIGNATURES[type];
  if (!signature) return true;
  return signature.every((byte, index) => content[index] === byte);
}
