import type { StoredDocument } from '../documents/document-store.ts';
import { mayReadDocument } from '../documents/document-access.ts';
import { SHA256_HEX } from '../documents/sha256.ts';
import { builder } from './builder.ts';

const DocumentRef = builder.objectRef<StoredDocument>('Document').implement({
  description:
    'An invoice or shipment document kept off-chain by this node; only its hash is on the ledger. ' +
    'Download it from `downloadPath` with the same login.',
  fields: (t) => ({
    sha256: t.exposeString('sha256', { description: 'SHA-256 of the content, lower-case hex.' }),
    fileName: t.exposeString('fileName'),
    contentType: t.exposeString('contentType'),
    size: t.exposeInt('size', { description: 'Bytes.' }),
    uploadedBy: t.exposeString('uploadedBy', { description: 'Id of the user who first uploaded it.' }),
    uploadedAt: t.field({ type: 'DateTime', resolve: (document) => document.uploadedAt }),
    downloadPath: t.string({ resolve: (document) => `/documents/${document.sha256}` }),
  }),
});

builder.queryField('document', (t) =>
  t.field({
    type: DocumentRef,
    nullable: true,
    description:
      'A stored document by its hash; null when this node has none, or your enterprise neither uploaded ' +
      'it here nor may see an invoice (by an owner seller) or shipment (by an owner carrier) citing it.',
    authScopes: { loggedIn: true },
    args: { sha256: t.arg.string({ required: true, validate: { regex: SHA256_HEX } }) },
    resolve: async (_root, args, ctx) =>
      ctx.user && (await mayReadDocument(ctx.db, ctx.user, args.sha256))
        ? ctx.services.documents.describe(args.sha256)
        : null,
  }),
);
