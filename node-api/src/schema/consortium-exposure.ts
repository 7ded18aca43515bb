import { builder } from './builder.ts';
import { CreditLineNode } from './credit-line.ts';
import { enterpriseNamed, EnterpriseNode } from './enterprise.ts';
import { consortiumFigures, type ConsortiumFigures } from './exposure/consortium-figures.ts';
import { visibleRow } from './loaders.ts';

const ConsortiumExposure = builder.objectRef<ConsortiumFigures>('ConsortiumExposure').implement({
  description:
    'One core enterprise: what the whole consortium has outstanding and financed against it (totals ' +
    'only, no bank named), the charter’s cap, and the calling bank’s own line and exposure ' +
    '(银发〔2025〕77号: banks control each core enterprise’s total exposure).',
  fields: (t) => ({
    debtor: t.field({
      type: EnterpriseNode,
      resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.debtorId),
    }),
    outstandingVouchers: t.expose('outstandingVouchers', {
      type: 'Fen',
      description: 'Vouchers it confirmed and has not paid, whoever holds them.',
    }),
    financedOutstanding: t.expose('financedOutstanding', {
      type: 'Fen',
      description: 'Face amount disbursed against it at every bank and not yet settled.',
    }),
    exposureCap: t.expose('exposureCap', {
      type: 'Fen',
      nullable: true,
      description: 'The charter’s consortium-wide cap on the financed amount; null for none.',
    }),
    capRoom: t.field({
      type: 'Fen',
      nullable: true,
      description: 'What banks together may still finance under the cap (never below 0); null for no cap.',
      resolve: (row) =>
        row.exposureCap === null
          ? null
          : row.exposureCap > row.financedOutstanding
            ? row.exposureCap - row.financedOutstanding
            : 0n,
    }),
    myLine: t.field({
      type: CreditLineNode,
      nullable: true,
      description: 'Your bank’s credit line for it, if you granted one.',
      resolve: (row, _args, ctx) =>
        visibleRow(ctx, 'creditLine', `${ctx.user?.enterpriseId ?? ''}:${row.debtorId}`),
    }),
    myExposure: t.expose('ownExposure', {
      type: 'Fen',
      description: 'Face amount your bank disbursed against it and that is not settled.',
    }),
  }),
});

builder.queryFields((t) => ({
  consortiumExposure: t.field({
    type: [ConsortiumExposure],
    description:
      'For banks: every core enterprise with the consortium’s outstanding and financed totals, the ' +
      'charter’s cap, and your own line and exposure; most financed first.',
    authScopes: { kinds: ['BANK'] },
    resolve: (_root, _args, ctx) => consortiumFigures(ctx.db, ctx.user?.enterpriseId ?? ''),
  }),
}));
