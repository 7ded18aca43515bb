import { builder } from '../builder.ts';
import { ShipmentNode } from '../shipment.ts';
import { TEXT } from './limits.ts';
import { nodePayload } from './payload.ts';
import { submitAs, withNode } from './submit.ts';

const Payload = nodePayload('Shipment', 'shipment', ShipmentNode);

const RecordPickupInput = builder.inputType('RecordPickupInput', {
  fields: (t) => ({
    invoiceId: t.string({ required: true, validate: TEXT.id }),
    waybillNumber: t.string({ required: true, validate: TEXT.documentNumber }),
    origin: t.string({ required: true, validate: TEXT.place }),
    destination: t.string({ required: true, validate: TEXT.place }),
    documentSha256: t.string({ required: true, validate: TEXT.sha256 }),
  }),
});

builder.mutationFields((t) => ({
  recordPickup: t.field({
    type: Payload,
    description: 'The logistics company records that it picked up the goods of an invoice.',
    authScopes: { kinds: ['LOGISTICS'] },
    ledgerWrite: true,
    args: { input: t.arg({ type: RecordPickupInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const done = await submitAs(ctx, (ledger) =>
        ledger.shipment.RecordPickup({ ...input, documentHash: input.documentSha256 }),
      );
      return withNode(done, () => ctx.db.shipment.findUnique({ where: { id: done.value.id } }));
    },
  }),
  confirmDelivery: t.field({
    type: Payload,
    description: 'The logistics company proves delivery with a signed delivery document.',
    authScopes: { kinds: ['LOGISTICS'] },
    ledgerWrite: true,
    args: {
      id: t.arg.id({ required: true }),
      documentSha256: t.arg.string({ required: true, validate: TEXT.sha256 }),
    },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const done = await submitAs(ctx, (ledger) =>
        ledger.shipment.ConfirmDelivery({ id, deliveryDocumentHash: args.documentSha256 }),
      );
      return withNode(done, () => ctx.db.shipment.findUnique({ where: { id } }));
    },
  }),
}));
