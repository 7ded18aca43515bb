import { createHash } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

const TOAST_TIMEOUT_MS = 30_000;

/** Fen as the portal shows it: `117000n` → `¥1,170.00`. */
export function yuan(fen: bigint): string {
  const whole = (fen / 100n).toString().replace(/\B(?=(\d{3})+$)/g, ',');
  return `¥${whole}.${(fen % 100n).toString().padStart(2, '0')}`;
}

/**
 * A dashboard figure as a Chinese reader takes it in (the portal's rule, spelled out again here): from
 * ¥10,000 in 万 and from ¥100,000,000 in 亿, half up to two decimals; below that exactly as `yuan`.
 */
export function glance(fen: bigint): string {
  const [unit, sign] = fen >= 10_000_000_000n ? [10_000_000_000n, '亿'] : [1_000_000n, '万'];
  if (fen < 1_000_000n) return yuan(fen);
  const hundredths = (fen * 100n + unit / 2n) / unit;
  const whole = (hundredths / 100n).toString().replace(/\B(?=(\d{3})+$)/g, ',');
  return `¥${whole}.${(hundredths % 100n).toString().padStart(2, '0')}${sign}`;
}

/** A stat card's amount: the figure it shows and the exact amount it gives on hover (the same if exact). */
export async function figureIn(card: Locator): Promise<{ shown: string; exact: string }> {
  const amount = card.locator('.amount').first();
  const shown = (await amount.innerText()).trim();
  return { shown, exact: (await amount.getAttribute('aria-label')) ?? shown };
}

/** The body rows of a table (by its test id) that contain `text`. */
export function rowsOf(page: Page, tableTestId: string, text: string): Locator {
  return page.getByTestId(tableTestId).locator('.el-table__row', { hasText: text });
}

/** The status tag inside a part of the page. */
export function statusIn(scope: Locator, status: string): Locator {
  return scope.locator(`[data-status="${status}"]`);
}

/** Opens an Element Plus select and picks the option showing `label`. */
export async function pick(page: Page, select: Locator, label: string): Promise<void> {
  await select.click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click();
}

/** Types a day into an Element Plus date picker (its form item carries the test id). */
export async function typeDate(page: Page, testId: string, day: string): Promise<void> {
  const input = page.getByTestId(testId).locator('input');
  await input.fill(day);
  await input.press('Enter');
}

/**
 * Chooses a file for a DocumentUpload (`testId`-file), which uploads it to the org's node; checks the
 * SHA-256 the page then shows is the file's. Returns it.
 */
export async function uploadDocument(
  page: Page,
  testId: string,
  name: string,
  content: string,
): Promise<string> {
  const buffer = Buffer.from(content, 'utf8');
  await page.getByTestId(`${testId}-file`).setInputFiles({ name, mimeType: 'text/plain', buffer });
  const expected = createHash('sha256').update(buffer).digest('hex');
  await expect.poll(() => page.getByTestId(`${testId}-sha256`).textContent()).toBe(expected);
  return expected;
}

/**
 * Waits for the toast that says how a write went to read `message`; should the write fail, the poll
 * ends showing the error toast instead. (Repeated toasts are grouped with a count badge beside the text.)
 */
export async function expectToast(page: Page, message: string): Promise<void> {
  await expect
    .poll(() => page.locator('.el-message .el-message__content').allInnerTexts(), {
      timeout: TOAST_TIMEOUT_MS,
    })
    .toContain(message);
}
