import { createHash } from 'node:crypto';
import type { SessionUser } from '../../src/auth/session-user.ts';

export function clerk(id: string): SessionUser {
  return {
    id,
    username: id,
    displayName: `Clerk ${id}`,
    role: 'clerk',
    enterpriseId: '91310000MA1FL0001A',
    enterpriseKind: 'SUPPLIER',
  };
}

export const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A multipart body with one `file` part, as a browser's FormData sends it. */
export function fileForm(content: Uint8Array<ArrayBuffer>, name: string, type: string): FormData {
  const form = new FormData();
  form.append('file', new File([content], name, { type }));
  return form;
}
