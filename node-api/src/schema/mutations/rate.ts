import { INT_RANGES } from '@scf/ledger-contract';
import { BenchmarkRateNode } from '../benchmark-rate.ts';
import { builder } from '../builder.ts';
import { nodePayload } from './payload.ts';
import { submitAs, withNode } from './submit.ts';

const Payload = nodePayload('BenchmarkRate', 'rate', BenchmarkRateNode);
const TENOR = builder.enumType('RateTenorInput', {
  description: 'Loan prime rate tenors (the ledger calls them 1Y and 5Y).',
  values: { LPR_1Y: { value: '1Y' as const }, LPR_5Y: { value: '5Y' as const } },
});

builder.mutationField('publishRate', (t) =>
  t.field({
    type: Payload,
    description:
      'A bank admin of a publisher org (see the charter) attests the loan prime rate of a tenor from a ' +
      'day; it is in force once the charter’s quorum of publisher orgs attested the same value.',
    authScopes: { $all: { roles: ['admin'], kinds: ['BANK'] } },
    ledgerWrite: true,
    args: {
      tenor: t.arg({ type: TENOR, required: true }),
      rateBps: t.arg.int({ required: true, validate: INT_RANGES.rateBps }),
      effectiveDate: t.arg({ type: 'Date', required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const done = await submitAs(ctx, (ledger) =>
        ledger.rate.Publish({ tenor: args.tenor, rateBps: args.rateBps, effectiveDate: args.effectiveDate }),
      );
      return withNode(done, () => ctx.db.benchmarkRate.findUnique({ where: { id: done.value.id } }));
    },
  }),
);
