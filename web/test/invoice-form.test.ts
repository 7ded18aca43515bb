import { ElFormItem } from 'element-plus';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import InvoiceForm from '@/components/invoices/InvoiceForm.vue';
import { invoiceProblems, type InvoiceDraft } from '@/domain/invoice-rules';
import { inputOf, mountWith, settle } from './support/mount';

const TODAY = '2026-11-22';
const HASH = 'a'.repeat(64);
const valid: InvoiceDraft = {
  number: 'INV-2026/0001',
  buyerId: '91350100M000100Y43',
  amountYuan: '12,345.67',
  issueDate: '2026-11-20',
  dueDate: '2027-02-20',
  documentSha256: HASH,
  purchaseOrderNumber: '',
};

describe('invoice rules (mirroring the node API and the ledger)', () => {
  it('accepts a well-formed invoice', () => {
    expect(invoiceProblems(valid, TODAY)).toEqual({});
  });

  it('checks the number: required, at most 64 characters, letters digits - _ /', () => {
    expect(invoiceProblems({ ...valid, number: ' ' }, TODAY).number).toBe('numberRequired');
    expect(invoiceProblems({ ...valid, number: 'X'.repeat(64) }, TODAY).number).toBeUndefined();
    expect(invoiceProblems({ ...valid, number: 'X'.repeat(65) }, TODAY).number).toBe('numberTooLong');
    expect(invoiceProblems({ ...valid, number: 'INV 1' }, TODAY).number).toBe('numberCharacters');
  });

  it('checks the amount: more than 0, whole fen, within the ceiling', () => {
    expect(invoiceProblems({ ...valid, amountYuan: '0' }, TODAY).amountYuan).toBe('amountZero');
    expect(invoiceProblems({ ...valid, amountYuan: '0.00' }, TODAY).amountYuan).toBe('amountZero');
    expect(invoiceProblems({ ...valid, amountYuan: '0.01' }, TODAY).amountYuan).toBeUndefined();
    expect(invoiceProblems({ ...valid, amountYuan: '10.001' }, TODAY).amountYuan).toBe('amountInvalid');
    expect(invoiceProblems({ ...valid, amountYuan: '-5' }, TODAY).amountYuan).toBe('amountInvalid');
    expect(invoiceProblems({ ...valid, amountYuan: '100000000000000.01' }, TODAY).amountYuan).toBe(
      'amountTooLarge',
    );
  });

  it('checks the dates: issued by today, due after issue', () => {
    expect(invoiceProblems({ ...valid, issueDate: '2026-11-23' }, TODAY).issueDate).toBe('issueDateFuture');
    expect(invoiceProblems({ ...valid, dueDate: '2026-11-20' }, TODAY).dueDate).toBe('dueNotAfterIssue');
    expect(invoiceProblems({ ...valid, dueDate: '2026-11-21' }, TODAY).dueDate).toBeUndefined();
    expect(invoiceProblems({ ...valid, dueDate: '2026-02-30' }, TODAY).dueDate).toBe('dueDateInvalid');
  });

  it('needs the document hash and a short purchase order number', () => {
    expect(invoiceProblems({ ...valid, documentSha256: '' }, TODAY).documentSha256).toBe('documentMissing');
    expect(invoiceProblems({ ...valid, documentSha256: HASH.toUpperCase() }, TODAY).documentSha256).toBe(
      'documentMissing',
    );
    expect(
      invoiceProblems({ ...valid, purchaseOrderNumber: 'P'.repeat(65) }, TODAY).purchaseOrderNumber,
    ).toBe('purchaseOrderTooLong');
  });
});

/** Stand-ins for the two fields that talk to the node: plain inputs bound to v-model. */
const FieldStub = defineComponent({
  props: { modelValue: { type: String, default: '' }, testid: { type: String, default: '' } },
  emits: ['update:modelValue'],
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

describe('InvoiceForm', () => {
  function mountForm() {
    return mountWith(InvoiceForm, {
      props: { sellerId: 'SELLER', today: TODAY },
      global: { stubs: { EnterpriseSelect: FieldStub, DocumentUpload: FieldStub } },
    });
  }

  it('shows the API’s rules as field errors and does not submit', async () => {
    const wrapper = mountForm();
    await inputOf(wrapper, 'invoice-number').setValue('INV 1');
    await inputOf(wrapper, 'invoice-amount').setValue('10.001');
    await wrapper.find('[data-testid="invoice-submit"]').trigger('click');
    await (wrapper.vm as unknown as { submit: () => Promise<void> }).submit();
    await settle();
    const messages = wrapper
      .findAllComponents(ElFormItem)
      .map((item) => (item.vm as unknown as { validateMessage: string }).validateMessage)
      .join(' | ');
    expect(messages).toContain('Only letters, digits and - _ /');
    expect(messages).toContain('Enter an amount with at most two decimals');
    expect(messages).toContain('Upload the invoice document first');
    expect(messages).toContain('Choose the buyer');
    expect(wrapper.emitted('submit')).toBeUndefined();
  });

  it('submits the input the mutation takes: fen as a string, dates as days, the document hash', async () => {
    const wrapper = mountForm();
    await inputOf(wrapper, 'invoice-number').setValue(' INV-2026/0001 ');
    await inputOf(wrapper, 'invoice-buyer').setValue('BUYER');
    await inputOf(wrapper, 'invoice-amount').setValue('1,234.5');
    await inputOf(wrapper, 'invoice-document').setValue(HASH);
    const exposed = wrapper.vm as unknown as { draft: InvoiceDraft; submit: () => Promise<void> };
    exposed.draft.dueDate = '2027-01-31';
    await exposed.submit();
    await settle();
    expect(wrapper.emitted('submit')?.[0]).toEqual([
      {
        number: 'INV-2026/0001',
        buyerId: 'BUYER',
        amount: '123450',
        issueDate: TODAY,
        dueDate: '2027-01-31',
        documentSha256: HASH,
        purchaseOrderNumber: null,
      },
    ]);
  });
});
