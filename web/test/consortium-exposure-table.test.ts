import { afterEach, describe, expect, it } from 'vitest';
import { ConsortiumExposureDocument, type ConsortiumExposureQuery } from '@/api/generated/graphql';
import ConsortiumExposureTable from '@/components/dashboard/ConsortiumExposureTable.vue';
import { fakeApi, loggedIn } from './support/fake-api';
import { mountWith, resetPortal, settle } from './support/mount';

type Row = ConsortiumExposureQuery['consortiumExposure'][number];

const ROWS: Row[] = [
  {
    debtor: { id: 'CORE1', name: 'Core One' },
    outstandingVouchers: '120000000',
    financedOutstanding: '80000000',
    exposureCap: '80000000',
    capRoom: '0',
    myLine: { id: 'BANKB:CORE1', limit: '500000000', used: '30000000', status: 'ACTIVE' },
    myExposure: '30000000',
  },
  {
    debtor: { id: 'CORE2', name: 'Core Two' },
    outstandingVouchers: '5000000',
    financedOutstanding: '0',
    exposureCap: null,
    capRoom: null,
    myLine: null,
    myExposure: '0',
  },
];

afterEach(resetPortal);

async function mounted(locale: 'en' | 'zh-CN'): Promise<ReturnType<typeof mountWith>> {
  fakeApi((document) => {
    if (document === ConsortiumExposureDocument) return { consortiumExposure: ROWS };
    throw new Error('unexpected operation');
  });
  const wrapper = mountWith(ConsortiumExposureTable, {
    locale,
    global: {
      plugins: [loggedIn({ enterpriseKind: 'BANK', role: 'APPROVER', enterpriseId: 'BANKB' }, null)],
    },
  });
  await settle();
  return wrapper;
}

describe('ConsortiumExposureTable', () => {
  it('shows each core enterprise’s consortium totals and cap beside the bank’s own line and exposure', async () => {
    const wrapper = await mounted('en');
    const rows = wrapper.findAll('[data-testid="consortium-exposure-table"] tbody tr');
    expect(rows).toHaveLength(2);
    const [first, second] = rows.map((row) => row.findAll('td').map((cell) => cell.text()));
    expect(first?.[0]).toBe('Core One');
    expect(first?.slice(1)).toEqual([
      expect.stringContaining('1,200,000.00'),
      expect.stringContaining('800,000.00'),
      expect.stringMatching(/800,000\.00.*Cap reached/s),
      expect.stringContaining('5,000,000.00'),
      expect.stringContaining('300,000.00'),
    ]);
    expect(second?.[3]).toBe('No cap');
    expect(second?.[4]).toBe('No line');
  });

  it('speaks Chinese', async () => {
    const wrapper = await mounted('zh-CN');
    const text = wrapper.find('[data-testid="consortium-exposure"]').text();
    expect(text).toContain('核心企业联盟敞口');
    expect(text).toContain('已达上限');
    expect(text).toContain('未设上限');
  });
});
