import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { ShipmentsDocument } from '@/api/generated/graphql';
import ListPage from '@/components/common/ListPage.vue';
import type { ListAction, ListColumn, ListFilter } from '@/components/common/list-page';
import { useListPage, type ListPageState } from '@/composables/useListPage';
import { fakeApi } from './support/fake-api';
import { mountWith, settle } from './support/mount';

interface Row {
  id: string;
  name: string;
  amount: string;
  status: string;
}
interface Filters {
  status: string;
}

const row = (id: string, status = 'ACTIVE'): Row => ({ id, name: `Name ${id}`, amount: '12345', status });
function connection(rows: Row[], hasNextPage = false) {
  return {
    shipments: {
      totalCount: rows.length + (hasNextPage ? 1 : 0),
      pageInfo: {
        hasNextPage,
        hasPreviousPage: false,
        startCursor: rows[0]?.id ?? null,
        endCursor: rows.at(-1)?.id ?? null,
      },
      edges: rows.map((node) => ({ node })),
    },
  };
}

const columns: ListColumn<Row>[] = [
  { key: 'name', labelKey: 'invoice.number' },
  { key: 'amount', labelKey: 'invoice.amount', as: 'money' },
  { key: 'status', labelKey: 'invoice.status', as: 'status' },
];
const filters: ListFilter<Filters>[] = [
  {
    key: 'status',
    as: 'segments',
    testid: 'status-filter',
    options: [
      { value: 'ACTIVE', labelKey: 'status.ACTIVE' },
      { value: 'SETTLED', labelKey: 'status.SETTLED' },
    ],
  },
];

/** The shipments query stands in for any list: the fake node answers whatever rows a test gives. */
function mountList(
  actions: ListAction<Row>[] = [],
  selectable = false,
): {
  wrapper: ReturnType<typeof mountWith>;
  list: () => ListPageState<Row, Filters>;
} {
  let state: ListPageState<Row, Filters> | null = null;
  const Harness = defineComponent({
    setup() {
      const list = useListPage({
        // The document's own row type is not the test's; the composable only passes rows through.
        document: ShipmentsDocument,
        filters: { status: 'ACTIVE' },
        variables: (current, window) => ({ filter: { logisticsId: current.status }, ...window }),
        rows: (result) => (result as unknown as ReturnType<typeof connection>).shipments,
        pageSize: 2,
        belongs: (entry) => entry.status === 'ACTIVE',
      });
      state = list;
      return () =>
        h(ListPage<Row, Filters>, {
          list,
          columns,
          filters,
          actions,
          selectable,
          testid: 'test-table',
          emptyKey: 'invoice.empty',
        });
    },
  });
  const wrapper = mountWith(Harness);
  return {
    wrapper,
    list: () => {
      if (!state) throw new Error('not mounted');
      return state;
    },
  };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('useListPage', () => {
  it('asks for the first page with the filters, pages by cursor, and starts over when a filter changes', async () => {
    const calls = fakeApi((_document, variables) => {
      const after = (variables as { after?: string | null }).after;
      return after ? connection([row('c')]) : connection([row('a'), row('b')], true);
    });
    const { list } = mountList();
    await settle();
    expect(calls.map((call) => call.variables)).toEqual([
      { filter: { logisticsId: 'ACTIVE' }, first: 2, after: null },
    ]);
    expect(list().rows.map((entry) => entry.id)).toEqual(['a', 'b']);
    expect(list().totalCount).toBe(3);

    list().next();
    await settle();
    expect(calls.at(-1)?.variables).toEqual({ filter: { logisticsId: 'ACTIVE' }, first: 2, after: 'b' });
    expect(list().page).toBe(2);
    expect(list().rows.map((entry) => entry.id)).toEqual(['c']);

    list().filters.status = 'SETTLED';
    await settle();
    expect(calls.at(-1)?.variables).toEqual({ filter: { logisticsId: 'SETTLED' }, first: 2, after: null });
    expect(list().page).toBe(1);
  });

  it('shows what a write returned without asking again, and drops a row that left the list', async () => {
    const calls = fakeApi(() => connection([row('a'), row('b')]));
    const { list, wrapper } = mountList();
    await settle();
    expect(calls).toHaveLength(1);

    await list().applyRow({ ...row('a'), name: 'Renamed' });
    await settle();
    expect(calls).toHaveLength(1);
    expect(list().rows[0]?.name).toBe('Renamed');
    expect(wrapper.find('[data-testid="test-table"]').text()).toContain('Renamed');

    await list().applyRow(row('b', 'SETTLED'));
    await settle();
    expect(calls).toHaveLength(1);
    expect(list().rows.map((entry) => entry.id)).toEqual(['a']);
    expect(list().totalCount).toBe(1);

    // Not applied yet (no row) or a new row: one request for the list as the node has it now.
    await list().applyRow(null);
    expect(calls).toHaveLength(2);
    await list().applyRow(row('new'));
    expect(calls).toHaveLength(3);
    await settle();
    expect(list().rows.map((entry) => entry.id)).toEqual(['a', 'b']);
  });
});

describe('useListPage: a batch', () => {
  it('applies what several writes returned and asks again once, only for a write not shown yet', async () => {
    const calls = fakeApi(() => connection([row('a'), row('b'), row('c')]));
    const { list } = mountList();
    await settle();

    await list().applyRows([row('a', 'SETTLED'), { ...row('b'), name: 'Renamed' }]);
    expect(calls).toHaveLength(1);
    expect(list().rows.map((entry) => [entry.id, entry.name])).toEqual([
      ['b', 'Renamed'],
      ['c', 'Name c'],
    ]);

    await list().applyRows([row('c', 'SETTLED'), null, undefined]);
    expect(calls).toHaveLength(2);
  });
});

/** The body rows' selection check boxes, in order. */
function checkboxes(wrapper: ReturnType<typeof mountWith>) {
  return wrapper.findAll('[data-testid="test-table"] .el-table__body tr input[type="checkbox"]');
}

describe('ListPage: selection', () => {
  it('offers no check boxes unless the page asks for them', async () => {
    fakeApi(() => connection([row('a')]));
    const { wrapper } = mountList();
    await settle();
    expect(checkboxes(wrapper)).toHaveLength(0);
  });

  it('puts the rows picked in the table into the list, as shown now', async () => {
    fakeApi(() => connection([row('a'), row('b'), row('c')]));
    const { wrapper, list } = mountList([], true);
    await settle();
    expect(checkboxes(wrapper)).toHaveLength(3);
    await checkboxes(wrapper)[0]?.setValue(true);
    await checkboxes(wrapper)[2]?.setValue(true);
    await settle();
    expect(list().selected.map((entry) => entry.id)).toEqual(['a', 'c']);

    list().select([]);
    expect(list().selected).toEqual([]);
    list().select([row('b')]);
    expect(list().selected.map((entry) => entry.id)).toEqual(['b']);
  });

  it('drops a picked row that left the list, and starts over with the next answer', async () => {
    const calls = fakeApi(() => connection([row('a'), row('b')]));
    const { list } = mountList([], true);
    await settle();
    list().select([row('a'), row('b')]);
    await list().applyRow(row('a', 'SETTLED'));
    await settle();
    // The table clears its check boxes when its rows change; the list follows.
    expect(list().selected.map((entry) => entry.id)).not.toContain('a');

    list().select([row('b')]);
    await list().refresh();
    await settle();
    expect(calls).toHaveLength(2);
    expect(list().selected).toEqual([]);
  });
});

describe('ListPage', () => {
  it('shows loading, then the rows: text, money, status; and an empty list as such', async () => {
    let answer: (value: unknown) => void = () => undefined;
    fakeApi(() => new Promise((resolve) => (answer = resolve)));
    const { wrapper, list } = mountList();
    await settle();
    expect(wrapper.find('[data-testid="state-loading"]').exists()).toBe(true);
    answer(connection([row('a')]));
    await settle();
    const table = wrapper.find('[data-testid="test-table"]');
    expect(table.text()).toContain('Name a');
    expect(table.text()).toContain('¥123.45');
    expect(table.text()).toContain('Active');
    expect(wrapper.find('[data-testid="pager-total"]').text()).toContain('1');

    await list().applyRow(row('a', 'SETTLED'));
    await settle();
    expect(wrapper.find('[data-testid="state-empty"]').exists()).toBe(true);
  });

  it('says when the list failed and asks again on retry', async () => {
    let fail = true;
    const calls = fakeApi(() => {
      if (fail) throw new Error('down');
      return connection([row('a')]);
    });
    const { wrapper } = mountList();
    await settle();
    expect(wrapper.find('[data-testid="state-error"]').exists()).toBe(true);
    fail = false;
    await wrapper.find('[data-testid="state-retry"]').trigger('click');
    await settle();
    expect(calls).toHaveLength(2);
    expect(wrapper.find('[data-testid="test-table"]').text()).toContain('Name a');
  });

  it('pages with the pager and binds its filters', async () => {
    const calls = fakeApi((_document, variables) =>
      (variables as { after?: string | null }).after
        ? connection([row('c')])
        : connection([row('a'), row('b')], true),
    );
    const { wrapper, list } = mountList();
    await settle();
    await wrapper.find('[data-testid="pager-next"]').trigger('click');
    await settle();
    expect(calls.at(-1)?.variables).toMatchObject({ after: 'b' });
    expect(wrapper.find('[data-testid="test-table"]').text()).toContain('Name c');
    await wrapper.find('[data-testid="pager-previous"]').trigger('click');
    await settle();
    expect(list().page).toBe(1);

    await wrapper.find('[data-testid="status-filter"] input[value="SETTLED"]').setValue(true);
    await settle();
    expect(list().filters.status).toBe('SETTLED');
    expect(calls.at(-1)?.variables).toMatchObject({ filter: { logisticsId: 'SETTLED' } });
  });

  it('names a row’s values in an action’s text and spins it while its write runs', async () => {
    fakeApi(() => connection([row('a'), row('b')]));
    const { wrapper } = mountList([
      {
        key: 'attest',
        labelKey: 'rate.attest',
        labelArgs: (entry) => ({ rate: entry.id }),
        testid: 'row-attest',
        loading: (entry) => entry.id === 'b',
        run: () => undefined,
      },
    ]);
    await settle();
    const buttons = wrapper.findAll('[data-testid="row-attest"]');
    expect(buttons.map((button) => button.text())).toEqual(['Attest the same a', 'Attest the same b']);
    expect(buttons.map((button) => button.classes('is-loading'))).toEqual([false, true]);
  });

  it('runs a row action on its row; hides or disables it where the page says', async () => {
    fakeApi(() => connection([row('a'), row('b', 'OVERDUE')]));
    const run = vi.fn();
    const { wrapper } = mountList([
      { key: 'open', labelKey: 'action.next', testid: 'row-open', run },
      {
        key: 'pay',
        labelKey: 'payables.pay',
        testid: 'row-pay',
        visible: (entry) => entry.id === 'b',
        disabled: () => true,
        disabledHintKey: 'payables.notYet',
        run,
      },
    ]);
    await settle();
    const open = wrapper.findAll('[data-testid="row-open"]');
    expect(open).toHaveLength(2);
    await open[1]?.trigger('click');
    expect(run).toHaveBeenCalledWith(row('b', 'OVERDUE'));
    const pay = wrapper.findAll('[data-testid="row-pay"]');
    expect(pay).toHaveLength(1);
    expect(pay[0]?.attributes('disabled')).toBeDefined();
    expect(pay[0]?.attributes('title')).not.toBe('');
  });
});
