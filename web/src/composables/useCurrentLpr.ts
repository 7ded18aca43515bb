import { computed, type ComputedRef, type Ref } from 'vue';
import { BenchmarkRatesDocument } from '@/api/generated/graphql';
import { useQuery } from './useQuery';

/** The 1-year LPR in force on `today` (what offers are priced off), asked for only while `enabled`. */
export function useCurrentLpr(
  today: Ref<string>,
  enabled: () => boolean,
): ComputedRef<{ rateBps: number; effectiveDate: string } | null> {
  const lpr = useQuery(
    BenchmarkRatesDocument,
    () => ({
      filter: { tenors: ['LPR_1Y' as const], effectiveDate: { to: today.value } },
      orderBy: { field: 'EFFECTIVE_DATE' as const, direction: 'DESC' as const },
      first: 1,
    }),
    { enabled, refreshOn: ['rate'] },
  );
  return computed(() => lpr.data.value?.benchmarkRates.edges[0]?.node ?? null);
}
