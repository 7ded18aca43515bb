import { describe, expect, it } from 'vitest';
import { creditNoteRoom, dilutableTree, owedOnInvoice, type TreePiece } from '../src/credit-note.ts';

const S = 'SELLER';
const DISBURSED = { bankId: 'BANK_A', applicantId: S, status: 'DISBURSED' };

describe('what an invoice can still be credited', () => {
  it('is the amount less what was paid and less the PENDING and ACCEPTED notes, never below zero', () => {
    expect(creditNoteRoom(1_000_000n, 0n, 0n)).toBe(1_000_000n);
    expect(creditNoteRoom(1_000_000n, 200_000n, 450_000n)).toBe(350_000n);
    expect(creditNoteRoom(1_000_000n, 600_000n, 450_000n)).toBe(0n);
  });

  it('leaves the buyer owing the amount less the notes it accepted', () => {
    expect(owedOnInvoice({ amount: '1000000' })).toBe(1_000_000n);
    expect(owedOnInvoice({ amount: '1000000', creditedAmount: '450000' })).toBe(550_000n);
  });
});

describe('the open pieces of a voucher tree, as the dilution rule takes them', () => {
  const tree: TreePiece[] = [
    { id: 'R', holderId: S, amount: '1000000', status: 'SPLIT' },
    { id: 'R.1', holderId: S, amount: '300000', status: 'ACTIVE' },
    { id: 'R.2', holderId: 'T', amount: '200000', status: 'PENDING_ACCEPTANCE' },
    { id: 'R.3', holderId: 'BANK_A', amount: '400000', status: 'FINANCED', financingId: 'f' },
    { id: 'R.4', holderId: S, amount: '100000', status: 'SETTLED' },
  ];

  it('keeps open leaves, with the bank and applicant of a disbursed financing', () => {
    expect(dilutableTree(tree, (id) => (id === 'f' ? DISBURSED : undefined), S)).toEqual({
      pieces: [
        { id: 'R.1', holderId: S, amountFen: 300_000n },
        {
          id: 'R.3',
          holderId: 'BANK_A',
          amountFen: 400_000n,
          financing: { bankId: 'BANK_A', applicantId: S },
        },
      ],
    });
  });

  it("is blocked by a seller's piece applied for financing or disputed, not by another holder's", () => {
    const busy = (status: 'FINANCING' | 'DISPUTED', holderId: string): TreePiece[] => [
      ...tree,
      { id: 'R.5', holderId, amount: '1', status },
    ];
    expect(dilutableTree(busy('FINANCING', S), () => undefined, S)).toEqual({
      blockedBy: { id: 'R.5', status: 'FINANCING' },
    });
    expect(dilutableTree(busy('DISPUTED', S), () => undefined, S)).toEqual({
      blockedBy: { id: 'R.5', status: 'DISPUTED' },
    });
    expect('pieces' in dilutableTree(busy('FINANCING', 'T'), () => undefined, S)).toBe(true);
  });
});
