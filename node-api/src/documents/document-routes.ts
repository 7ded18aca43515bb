import { create as contentDisposition } from 'content-disposition';
import type { Plugin } from 'graphql-yoga';
import type { SessionUser } from '../auth/session-user.ts';
import type { Authenticate } from '../http/authenticate.ts';
import { errorResponse, jsonResponse } from '../http/json-response.ts';
import { declaredOver, readBodyWithin } from '../http/read-body.ts';
import { NodeErrorCodes, type ApiErrorCode } from '../errors/codes.ts';
import { NodeError } from '../errors/node-error.ts';
import { ALLOWED_DOCUMENT_TYPES, allowedDocumentType, contentMatchesType } from './document-types.ts';
import type { DocumentStore } from './document-store.ts';
import { safeFileName } from './file-name.ts';
import { SHA256_HEX } from './sha256.ts';

export interface DocumentRoutesOptions {
  documents: DocumentStore;
  authenticate: Authenticate;
  /** Whether the user may download this document (see document-access.ts). */
  mayRead: (user: SessionUser, sha256: string) => Promise<boolean>;
  maxDocumentBytes: number;
}

/** Room for the multipart envelope (boundaries, part headers) around the file itself. */
const ENVELOPE_BYTES = 64 * 1024;
const DOCUMENT_PATH = /^\/documents\/([^/]+)$/;

/** How a store's typed refusal reads over HTTP. */
const STATUS_OF_CODE: Readonly<Partial<Record<ApiErrorCode, number>>> = {
  [NodeErrorCodes.NotFound]: 404,
  [NodeErrorCodes.Tampered]: 409,
  [NodeErrorCodes.InvalidArgument]: 400,
};

/**
 * Documents over plain HTTP, beside GraphQL: `POST /documents` (multipart, one `file` part) stores a
 * file and answers its hash for a later invoice or shipment transaction; `GET /documents/<sha256>`
 * answers the bytes once they still hash to the name. Both need a login.
 */
export function useDocumentRoutes(options: DocumentRoutesOptions): Plugin {
  return {
    async onRequest(payload) {
      const { url, request } = payload;
      const download = DOCUMENT_PATH.exec(url.pathname);
      if (url.pathname === '/documents' && request.method === 'POST') {
        payload.endResponse(await answer(options, request, upload));
      } else if (download && request.method === 'GET') {
        const sha256 = download[1] ?? '';
        payload.endResponse(await answer(options, request, (user) => serve(user, options, sha256)));
      } else if (url.pathname === '/documents' || download) {
        const allow = download ? 'GET' : 'POST';
        payload.endResponse(
          errorResponse(405, NodeErrorCodes.MethodNotAllowed, `use ${allow} here`, { allow }),
        );
      }
    },
  };
}

type Handler = (user: SessionUser, request: Request, options: DocumentRoutesOptions) => Promise<Response>;

/**
 * Logs in, runs the handler, and turns its typed errors into `{ code, message }`; the rest goes on to
 * the API's error guard (http/error-guard.ts), which logs it and answers 503 or 500 without its text.
 */
async function answer(options: DocumentRoutesOptions, request: Request, handler: Handler): Promise<Response> {
  const user = await options.authenticate(request);
  if (!user) return errorResponse(401, NodeErrorCodes.Unauthenticated, 'log in first');
  try {
    return await handler(user, request, options);
  } catch (error) {
    if (error instanceof NodeError) {
      return errorResponse(STATUS_OF_CODE[error.code] ?? 400, error.code, error.message);
    }
    throw error;
  }
}

async function upload(
  user: SessionUser,
  request: Request,
  options: DocumentRoutesOptions,
): Promise<Response> {
  const limit = options.maxDocumentBytes + ENVELOPE_BYTES;
  const tooLarge = (): Response =>
    errorResponse(
      413,
      NodeErrorCodes.TooLarge,
      `a document may have at most ${options.maxDocumentBytes} bytes`,
    );
  if (declaredOver(request, limit)) return tooLarge();
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    return errorResponse(
      415,
      NodeErrorCodes.UnsupportedMediaType,
      'send multipart/form-data with a `file` part',
    );
  }
  const body = await readBodyWithin(request, limit);
  if (!body) return tooLarge();

  const file = await singleFile(body, contentType);
  if (!file) return errorResponse(400, NodeErrorCodes.InvalidArgument, 'send exactly one `file` part');
  if (file.size > options.maxDocumentBytes) return tooLarge();
  const type = allowedDocumentType(file.type);
  const content = new Uint8Array(await file.arrayBuffer());
  if (!type || !contentMatchesType(content, type)) {
    return errorResponse(
      415,
      NodeErrorCodes.UnsupportedMediaType,
      `a document must be one of ${ALLOWED_DOCUMENT_TYPES.join(', ')}, and its content must be of that type`,
    );
  }
  const stored = await options.documents.put(content, {
    fileName: safeFileName(file.name),
    contentType: type,
    uploadedBy: user.id,
    enterpriseId: user.enterpriseId,
  });
  const { sha256, fileName, contentType: storedType, size } = stored;
  return jsonResponse(201, { sha256, fileName, contentType: storedType, size });
}

/** The one `file` part of a multipart body, or null when it is malformed or has none or several. */
async function singleFile(body: Uint8Array<ArrayBuffer>, contentType: string): Promise<File | null> {
  try {
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    const files = form.getAll('file');
    const [file] = files;
    return files.length === 1 && file instanceof File ? file : null;
  } catch {
    return null;
  }
}

async function serve(user: SessionUser, options: DocumentRoutesOptions, sha256: string): Promise<Response> {
  if (!SHA256_HEX.test(sha256)) {
    return errorResponse(
      400,
      NodeErrorCodes.InvalidArgument,
      'a document is named by its lower-case hex SHA-256',
    );
  }
  // Not yours and not there look the same.
  if (!(await options.mayRead(user, sha256))) {
    return errorResponse(404, NodeErrorCodes.NotFound, `no document ${sha256} for you`);
  }
  const { document, content } = await options.documents.get(sha256);
  // A copy: the store's bytes may sit on any ArrayBufferLike, a response body must own an ArrayBuffer.
  return new Response(new Uint8Array(content), {
    headers: {
      'content-type': document.contentType,
      'content-length': String(content.byteLength),
      'content-disposition': contentDisposition(document.fileName),
      'x-content-sha256': document.sha256,
      // Served as what it was uploaded as, never as something a browser would sniff and render.
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  });
}
