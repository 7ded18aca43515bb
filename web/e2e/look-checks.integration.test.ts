import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.ts';
import { lookProblems, type LookProblem } from './support/look-checks.ts';

/**
 * The look checks themselves, in Chromium on small pages made to break one rule each (no network):
 * each check must find its fault and leave a page that looks right alone.
 */
describe('look checks', () => {
  let browser: Browser | undefined;
  let page: Page | undefined;

  async function problemsIn(body: string): Promise<LookProblem[]> {
    if (!page) throw new Error('the browser did not start');
    await page.setContent(`<!doctype html><html><body style="margin:0">${body}</body></html>`);
    return lookProblems(page);
  }

  const checks = (problems: LookProblem[]): string[] => problems.map((problem) => problem.check);

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('passes a page that fits', async () => {
    const fits =
      '<main><p style="width:200px">¥1,234,567.89</p><span title="一个很长的名字">一个很长的名字</span></main>';
    expect(await problemsIn(fits)).toEqual([]);
  });

  it('finds a page wider than the window and text running past its edge', async () => {
    const wide = '<main><p style="width:420px;white-space:nowrap">Waive delivery confirmation</p></main>';
    expect(checks(await problemsIn(wide))).toContain('page-overflow');
  });

  it('finds text cut off by a box hiding overflow, unless an ellipsis comes with the full text', async () => {
    const cut = (extra: string): string =>
      `<div style="width:60px;overflow:hidden;white-space:nowrap;${extra}">青岛海川电器股份有限公司</div>`;
    expect(checks(await problemsIn(cut('')))).toEqual(['clipped-text']);
    expect(checks(await problemsIn(cut('text-overflow:ellipsis')))).toEqual(['clipped-text']);
    const titled = cut('text-overflow:ellipsis').replace('<div ', '<div title="青岛海川电器股份有限公司" ');
    expect(await problemsIn(titled)).toEqual([]);
  });

  it('finds text spilling out of its box over its neighbours', async () => {
    const spill = '<div style="width:40px;white-space:nowrap"><span>¥443,963.00</span></div>';
    expect(checks(await problemsIn(spill))).toEqual(['clipped-text']);
  });

  it('finds an amount broken inside a group of digits, not one broken after a separator or before 万', async () => {
    const narrow = (amount: string, wrap: string): string =>
      `<div style="width:50px;font:16px monospace;${wrap}">${amount}</div>`;
    expect(checks(await problemsIn(narrow('¥443,963.00', 'overflow-wrap:anywhere')))).toContain(
      'split-amount',
    );
    expect(await problemsIn(narrow('¥443,<wbr>963', ''))).toEqual([]);
    expect(await problemsIn(narrow('¥27.2<wbr>万', ''))).toEqual([]);
  });

  it('finds chart labels drawn over one another, turned ones too', async () => {
    const labels = (rotate: number, gap: number): string =>
      `<figure class="portal-chart" data-testid="chart-test"><svg width="300" height="200">${[0, 1]
        .map(
          (index) =>
            `<text transform="translate(${String(100 + index * gap)} 100) rotate(${String(rotate)})" style="font-size:12px">2026-0${String(index + 1)}</text>`,
        )
        .join('')}</svg></figure>`;
    expect(checks(await problemsIn(labels(0, 30)))).toEqual(['chart-labels-overlap']);
    expect(await problemsIn(labels(0, 60))).toEqual([]);
    expect(checks(await problemsIn(labels(-45, 12)))).toEqual(['chart-labels-overlap']);
    expect(await problemsIn(labels(-90, 16))).toEqual([]);
  });
});
