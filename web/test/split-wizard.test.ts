import { MAX_PIECES } from '@scf/ledger-contract';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import SplitTransferWizard from '@/components/vouchers/SplitTransferWizard.vue';
import { emptyPiece, summarizeSplit, toPieceInputs, type PieceDraft } from '@/domain/split-plan';
import { inputOf, mountWith, settle } from './support/mount';

const piece = (amountYuan: string, transfer: Partial<PieceDraft> | false = false): PieceDraft =>
  transfer === false
    ? { ...emptyPiece(false), amountYuan }
    : {
        ...emptyPiece(true),
        amountYuan,
        toEnterpriseId: 'TIER2',
        invoiceId: 'INV',
        invoiceUnpaidFen: null,
        ...transfer,
      };

describe('split plan (the ledger’s rules)', () => {
  const voucher = 1_000_000n; // ¥10,000.00

  it('accepts pieces that add up to the voucher exactly', () => {
    const summary = summarizeSplit(voucher, [piece('6000', {}), piece('4000')]);
    expect(summary).toMatchObject({ valid: true, totalFen: voucher, remainingFen: 0n, planProblems: [] });
    expect(toPieceInputs([piece('6000', {}), piece('4000')])).toEqual([
      { amount: '600000', toEnterpriseId: 'TIER2', invoiceId: 'INV' },
      { amount: '400000' },
    ]);
  });

  it('refuses pieces one fen short or over, and says what is left', () => {
    const short = summarizeSplit(voucher, [piece('6000', {}), piece('3999.99')]);
    expect(short.valid).toBe(false);
    expect(short.planProblems).toContain('sumMismatch');
    expect(short.remainingFen).toBe(1n);
    expect(summarizeSplit(voucher, [piece('6000', {}), piece('4000.01')]).remainingFen).toBe(-1n);
  });

  it('needs two pieces, or one transferred whole', () => {
    expect(summarizeSplit(voucher, [piece('10000')]).planProblems).toContain('tooFew');
    expect(summarizeSplit(voucher, [piece('10000', {})]).valid).toBe(true);
    expect(summarizeSplit(voucher, []).planProblems).toContain('tooFew');
  });

  it('allows the ledger’s 50 pieces, and no more', () => {
    expect(MAX_PIECES).toBe(50);
    const fifty = Array.from({ length: 50 }, () => piece('0.01'));
    expect(summarizeSplit(50n, fifty)).toMatchObject({ valid: true, planProblems: [] });
    const pieces = Array.from({ length: 51 }, () => piece('0.01'));
    expect(summarizeSplit(51n, pieces).planProblems).toEqual(['tooMany']);
  });

  it('checks each piece: an amount, and for a transfer its recipient and invoice within what is unpaid', () => {
    const summary = summarizeSplit(voucher, [
      piece('0'),
      piece('1000', { toEnterpriseId: '' }),
      piece('1000', { invoiceId: '' }),
      piece('4000', { invoiceId: 'A', invoiceUnpaidFen: 500_000n }),
      piece('2000', { invoiceId: 'A', invoiceUnpaidFen: 500_000n }),
    ]);
    expect(summary.pieceProblems).toEqual(['amount', 'recipient', 'invoice', 'overInvoice', 'overInvoice']);
  });
});

const SelectStub = defineComponent({
  props: { modelValue: { type: String, default: '' }, testid: { type: String, default: '' } },
  emits: ['update:modelValue', 'unpaid'],
  setup(props, { emit }) {
    return () =>
      h('input', {
        'data-testid': props.testid,
        value: props.modelValue,
        onInput: (event: Event) => {
          emit('update:modelValue', (event.target as HTMLInputElement).value);
        },
      });
  },
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('SplitTransferWizard', () => {
  function mountWizard(prepares = false) {
    return mountWith(SplitTransferWizard, {
      props: { voucher: { id: 'V1', amount: '1000000', holderId: 'TIER1' }, prepares },
      global: { stubs: { EnterpriseSelect: SelectStub, TradeInvoiceSelect: SelectStub } },
    });
  }

  it('will not go on until the pieces add up to the voucher', async () => {
    const wrapper = mountWizard();
    await inputOf(wrapper, 'split-amount-0').setValue('6000');
    await inputOf(wrapper, 'split-recipient-0').setValue('TIER2');
    await inputOf(wrapper, 'split-invoice-0').setValue('INV-9');
    await inputOf(wrapper, 'split-amount-1').setValue('3000');
    await settle();
    expect(wrapper.find('[data-testid="split-remaining"]').text()).toBe('¥1,000.00');
    expect(wrapper.find('[data-testid="split-next"]').attributes('disabled')).toBeDefined();
    expect(wrapper.text()).toContain('The pieces must add up to the voucher exactly');

    await wrapper.find('[data-testid="split-fill-1"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="split-remaining"]').text()).toBe('¥0.00');
    expect(wrapper.find('[data-testid="split-next"]').attributes('disabled')).toBeUndefined();
  });

  it('lets the holder add up to 50 pieces, the ledger’s limit', async () => {
    const wrapper = mountWizard();
    const add = wrapper.find('[data-testid="split-add"]');
    for (let count = 2; count < 50; count += 1) await add.trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="split-amount-49"]').exists()).toBe(true);
    expect(add.attributes('disabled')).toBeDefined();
    await add.trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="split-amount-50"]').exists()).toBe(false);
    // 48 clicks, each re-rendering a growing form: slow on a busy machine.
  }, 30_000);

  it('reviews, then submits the pieces in fen', async () => {
    const wrapper = mountWizard();
    await inputOf(wrapper, 'split-amount-0').setValue('6000');
    await inputOf(wrapper, 'split-recipient-0').setValue('TIER2');
    await inputOf(wrapper, 'split-invoice-0').setValue('INV-9');
    await inputOf(wrapper, 'split-amount-1').setValue('4000');
    await settle();
    await wrapper.find('[data-testid="split-next"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="split-review"]').exists()).toBe(true);
    await wrapper.find('[data-testid="split-next"]').trigger('click');
    await settle();
    await wrapper.find('[data-testid="split-submit"]').trigger('click');
    expect(wrapper.emitted('submit')?.[0]).toEqual([
      [{ amount: '600000', toEnterpriseId: 'TIER2', invoiceId: 'INV-9' }, { amount: '400000' }],
    ]);
  });

  it('on a four-eyes enterprise says the split waits for another approver, and prepares it', async () => {
    const wrapper = mountWizard(true);
    await inputOf(wrapper, 'split-amount-0').setValue('6000');
    await inputOf(wrapper, 'split-recipient-0').setValue('TIER2');
    await inputOf(wrapper, 'split-invoice-0').setValue('INV-9');
    await inputOf(wrapper, 'split-amount-1').setValue('4000');
    await settle();
    await wrapper.find('[data-testid="split-next"]').trigger('click');
    await settle();
    await wrapper.find('[data-testid="split-next"]').trigger('click');
    await settle();
    expect(wrapper.text()).toContain('runs only when another approver of your enterprise approves it');
    expect(wrapper.text()).not.toContain('Splitting needs an approver or admin');
    const submit = wrapper.find('[data-testid="split-submit"]');
    expect(submit.text()).toBe('Prepare for approval');
    await submit.trigger('click');
    expect(wrapper.emitted('submit')?.[0]).toEqual([
      [{ amount: '600000', toEnterpriseId: 'TIER2', invoiceId: 'INV-9' }, { amount: '400000' }],
    ]);
  });
});
