import { afterEach, describe, expect, it } from 'vitest';
import OfferCalculator from '@/components/financing/OfferCalculator.vue';
import { inputOf, mountWith, settle } from './support/mount';

const props = {
  faceAmount: '100000000',
  maturityDate: '2027-02-20',
  today: '2026-11-22',
  lprBps: 310,
  lprEffectiveDate: '2026-10-20',
  canSubmit: true,
};

afterEach(() => {
  document.body.innerHTML = '';
});

describe('OfferCalculator', () => {
  it('shows LPR + spread, the discount interest and the net proceeds as the bank types', async () => {
    const wrapper = mountWith(OfferCalculator, { props });
    await inputOf(wrapper, 'offer-fees').setValue('500');
    await settle();
    // ¥1,000,000 face, 90% advance (default), LPR 3.10% + 0.50% (default spread), 90 days, ¥500 fees
    expect(wrapper.find('[data-testid="offer-days"]').text()).toBe('90');
    expect(wrapper.find('[data-testid="offer-annual-rate"]').text()).toBe('3.60%');
    expect(wrapper.find('[data-testid="offer-financed"]').text()).toBe('¥900,000.00');
    expect(wrapper.find('[data-testid="offer-interest"]').text()).toBe('¥8,100.00');
    expect(wrapper.find('[data-testid="offer-net"]').text()).toBe('¥891,400.00');
  });

  it('recomputes when the spread changes, and submits the terms in fen and bps', async () => {
    const wrapper = mountWith(OfferCalculator, { props });
    const spread = inputOf(wrapper, 'offer-spread');
    await spread.setValue('140');
    await spread.trigger('change');
    await settle();
    // 3.10% + 1.40% = 4.50%: 90,000,000 × 450 × 90 / 3,600,000 = 1,012,500 fen
    expect(wrapper.find('[data-testid="offer-annual-rate"]').text()).toBe('4.50%');
    expect(wrapper.find('[data-testid="offer-interest"]').text()).toBe('¥10,125.00');
    const submit = wrapper.find('[data-testid="offer-submit"]');
    // The bank must say with or without recourse: no default.
    expect(submit.attributes('disabled')).toBeDefined();
    await wrapper.find('[data-testid="offer-recourse-with"] input').setValue(true);
    await settle();
    await submit.trigger('click');
    expect(wrapper.emitted('submit')?.[0]).toEqual([
      { advanceRateBps: 9_000, spreadBps: 140, fees: '0', validUntil: '2026-11-29', recourse: true },
    ]);
  });

  it('takes a spread down to −500 bps (below the LPR), and says the range past it', async () => {
    const wrapper = mountWith(OfferCalculator, { props: { ...props, lprBps: 600 } });
    const spread = inputOf(wrapper, 'offer-spread');
    await spread.setValue('-500');
    await spread.trigger('change');
    await settle();
    // 6.00% − 5.00% = 1.00%: 90,000,000 × 100 × 90 / 3,600,000 = 225,000 fen
    expect(wrapper.find('[data-testid="offer-annual-rate"]').text()).toBe('1.00%');
    expect(wrapper.find('[data-testid="offer-interest"]').text()).toBe('¥2,250.00');
    expect(wrapper.findAll('[data-testid="offer-problem"]')).toHaveLength(0);
    await wrapper.find('[data-testid="offer-recourse-without"] input').setValue(true);
    await settle();
    await wrapper.find('[data-testid="offer-submit"]').trigger('click');
    expect(wrapper.emitted('submit')?.[0]).toEqual([
      { advanceRateBps: 9_000, spreadBps: -500, fees: '0', validUntil: '2026-11-29', recourse: false },
    ]);
  });

  it('flags a spread that leaves no positive annual rate', async () => {
    const wrapper = mountWith(OfferCalculator, { props });
    const spread = inputOf(wrapper, 'offer-spread');
    await spread.setValue('-310');
    await spread.trigger('change');
    await settle();
    expect(wrapper.find('[data-testid="offer-problem"]').text()).toBe(
      'The annual rate (LPR + spread) must be above 0',
    );
    expect(wrapper.find('[data-testid="offer-submit"]').attributes('disabled')).toBeDefined();
  });

  it('refuses to submit without an LPR in force, and says why', async () => {
    const wrapper = mountWith(OfferCalculator, { props: { ...props, lprBps: null } });
    await settle();
    expect(wrapper.find('[data-testid="offer-net"]').text()).toBe('—');
    expect(wrapper.text()).toContain('No 1-year LPR in force has been published');
    expect(wrapper.find('[data-testid="offer-submit"]').attributes('disabled')).toBeDefined();
  });

  it('flags fees that leave no net proceeds', async () => {
    const wrapper = mountWith(OfferCalculator, { props });
    await inputOf(wrapper, 'offer-fees').setValue('891900');
    await settle();
    expect(
      wrapper
        .findAll('[data-testid="offer-problem"]')
        .map((alert) => alert.text())
        .join(),
    ).toContain('Nothing would be left after interest and fees');
  });
});
