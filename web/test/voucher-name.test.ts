import { describe, expect, it } from 'vitest';
import { voucherName } from '@/domain/voucher-name';

const ROOT = '3f9a0c1e5b7d9f1a2c4e6a8b0d2f4a6c8e0a2c4e6a8b0d2f4a6c8e0a2c4e6a8b';

describe('voucher names', () => {
  it('names a voucher by its number', () => {
    expect(voucherName({ id: `${ROOT}.1`, number: 'H1K0-20261130-7K3Q9A' })).toBe('H1K0-20261130-7K3Q9A');
  });

  it('names an older voucher without a number by the head of its root id and its piece path', () => {
    expect(voucherName({ id: ROOT, number: null })).toBe('3f9a0c1e…');
    expect(voucherName({ id: `${ROOT}.1.2` })).toBe('3f9a0c1e….1.2');
    expect(voucherName({ id: `${ROOT}.1.3`, number: '' })).not.toBe(voucherName({ id: `${ROOT}.1.2` }));
    expect(voucherName({ id: 'P2' })).toBe('P2');
  });
});
