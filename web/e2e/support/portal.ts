import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { VIEWPORT } from './browser.ts';
import type { ConsoleErrors } from './console-errors.ts';

const DAY_MS = 86_400_000;
/** Every demo login's password (node-api/src/demo/demo-consortium.ts). */
export const DEMO_PASSWORD = 'scf-demo-password';
export const SCREENSHOT_DIR = fileURLToPath(new URL('../screenshots/', import.meta.url));

/** One person at one org's portal: a browser context of its own (its own storage), logged in. */
export interface Actor {
  readonly label: string;
  readonly portal: string;
  readonly context: BrowserContext;
  readonly page: Page;
}

export interface ActorOptions {
  /** The org's portal origin, e.g. http://127.0.0.1:7017. */
  portal: string;
  username: string;
  /** Runs the page's clock this many days ahead (for acting at a voucher's maturity). */
  clockShiftDays?: number;
}

/** Opens the portal in a fresh context as a Chinese user in China Standard Time, and logs in. */
export async function openPortalAs(
  browser: Browser,
  errors: ConsoleErrors,
  options: ActorOptions,
): Promise<Actor> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // Charts then draw at once (PortalChart): a screenshot need not wait for their bars to grow in.
    reducedMotion: 'reduce',
  });
  if (options.clockShiftDays) {
    // The page's clock runs on from there (timers too): the portal computes "today" from it.
    await context.clock.install({ time: Date.now() + options.clockShiftDays * DAY_MS });
  }
  const page = await context.newPage();
  const actor: Actor = { label: options.username, portal: options.portal, context, page };
  errors.watch(page, options.username);
  await page.goto(`${options.portal}/login`);
  await page.getByTestId('login-username').fill(options.username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
  return actor;
}

/** Goes to a path of the actor's portal as a fresh page load. */
export async function visit(actor: Actor, path: string): Promise<void> {
  await actor.page.goto(`${actor.portal}${path}`);
}

/**
 * Waits until `target` shows, reloading the page between looks: the other org's write reaches this
 * org's node within moments, and a reload asks the node again.
 */
export async function reloadUntilVisible(page: Page, target: Locator, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // Mostly the write is there within a second: look briefly first, then longer between reloads.
  for (let look = 1_000; ; look = Math.min(look * 2, 4_000)) {
    try {
      await target.first().waitFor({ state: 'visible', timeout: look });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await page.reload();
  }
}

/** Toasts come and go; a screenshot shows the page under them. */
const HIDE_TOASTS = '.el-message, .el-notification { visibility: hidden !important; }';

/** ECharts grows its bars and lines in for about a second (its default animation). */
const CHART_ANIMATION_MS = 1_500;

/** Saves a screenshot of the page as screenshots/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Only for the picture: charts have no state to wait for while their bars grow in (unless the
  // context asked for reduced motion, as openPortalAs does: then they draw at once).
  const animated = await page.evaluate(() => !matchMedia('(prefers-reduced-motion: reduce)').matches);
  if (animated && (await page.locator('.portal-chart').count()) > 0)
    await page.waitForTimeout(CHART_ANIMATION_MS);
  const path = `${SCREENSHOT_DIR}${name}.png`;
  await page.screenshot({ path, fullPage: true, animations: 'disabled', style: HIDE_TOASTS });
  return path;
}
