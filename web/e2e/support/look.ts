import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { ConsoleErrors } from './console-errors.ts';
import { lookProblems } from './look-checks.ts';
import { DEMO_PASSWORD } from './portal.ts';

/** Screenshots for people to look at: reports/look/<role>-<page>-<width>[-en].png (not committed). */
export const LOOK_DIR = fileURLToPath(new URL('../../../reports/look/', import.meta.url));

/** One person's home page and approval queue, each with what shows once the node answered. */
export interface LookPerson {
  role: string;
  org: string;
  username: string;
  pages: { name: string; path: string; ready: string }[];
}

interface Screen {
  width: number;
  height: number;
  phone: boolean;
  english: boolean;
}

/** A phone (the 390×844), a laptop and a wide desktop in Chinese, and the phone in English. */
export const SCREENS: readonly Screen[] = [
  { width: 390, height: 844, phone: true, english: false },
  { width: 1280, height: 800, phone: false, english: false },
  { width: 1920, height: 1080, phone: false, english: false },
  { width: 390, height: 844, phone: true, english: true },
];

/**
 * Logs the person in once and returns the browser storage that holds the session, for every screen's
 * context to start from (one password check per person, not one per screen). A refused login fails
 * at once with the portal's own words instead of waiting for a shell that never comes.
 */
async function sessionOf(browser: Browser, portal: string, username: string) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    const page = await context.newPage();
    await page.goto(`${portal}/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    const refused = page.getByTestId('login-error');
    await page
      .getByTestId('current-user')
      .or(page.getByTestId('menu-toggle'))
      .or(refused)
      .first()
      .waitFor({ timeout: LOGIN_TIMEOUT_MS });
    if (await refused.isVisible()) {
      throw new Error(`${username} could not log in at ${portal}: ${await refused.innerText()}`);
    }
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/** How long a login may take on a loaded 2-core machine (the password hash and the first page). */
const LOGIN_TIMEOUT_MS = 90_000;

type Session = Awaited<ReturnType<typeof sessionOf>>;

/**
 * Waits until nothing on the page is loading any more (PageState's aria-busy, tables' loading masks),
 * every chart is drawn and the fonts are in: what a reader would see once the page is still.
 */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('[aria-busy="true"], .el-loading-mask') === null &&
      [...document.querySelectorAll('.portal-chart')].every((chart) => chart.querySelector('svg text')) &&
      document.fonts.status === 'loaded',
  );
}

/**
 * The page from top to bottom: the portal's shell is one window high and its `main` scrolls, so the
 * window grows by what `main` scrolls for the picture, then shrinks back.
 */
async function screenshotWhole(page: Page, screen: Screen, path: string): Promise<void> {
  const hidden = await page.evaluate(() => {
    const main = document.querySelector('main');
    return main ? main.scrollHeight - main.clientHeight : 0;
  });
  if (hidden > 0) await page.setViewportSize({ width: screen.width, height: screen.height + hidden });
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  if (hidden > 0) await page.setViewportSize({ width: screen.width, height: screen.height });
}

/** One screen, logged in: opens each page, saves its screenshot and returns what looks broken. */
async function lookOnScreen(
  browser: Browser,
  errors: ConsoleErrors,
  portal: string,
  person: LookPerson,
  screen: Screen,
  dir: string,
  session: Session,
): Promise<string[]> {
  const context = await browser.newContext({
    storageState: session,
    viewport: { width: screen.width, height: screen.height },
    locale: screen.english ? 'en-US' : 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    isMobile: screen.phone,
    hasTouch: screen.phone,
    // Charts then draw at once (PortalChart), so labels sit where they stay.
    reducedMotion: 'reduce',
  });
  try {
    const page = await context.newPage();
    const suffix = `${String(screen.width)}${screen.english ? '-en' : ''}`;
    errors.watch(page, `${person.username} (${suffix})`);
    const found: string[] = [];
    for (const target of person.pages) {
      await page.goto(`${portal}${target.path}`);
      // A queue with nothing in it shows its empty state instead of the table.
      await page.getByTestId(target.ready).or(page.getByTestId('state-empty')).first().waitFor();
      await settled(page);
      const name = `${person.role}-${target.name}-${suffix}`;
      for (const problem of await lookProblems(page)) {
        found.push(`${name}: ${problem.check}: ${problem.detail}`);
      }
      await screenshotWhole(page, screen, join(dir, `${name}.png`));
    }
    return found;
  } finally {
    await context.close();
  }
}

/**
 * Opens each of the person's pages on each of `screens` (all four unless told; side by side, each in a
 * browser context of its own), saves full-page screenshots and returns what looks broken, each line
 * naming role, page and screen. Screenshots go to `dir` (reports/look/ unless told).
 */
export async function lookAt(
  browser: Browser,
  errors: ConsoleErrors,
  portal: string,
  person: LookPerson,
  options: { dir?: string; screens?: readonly Screen[] } = {},
): Promise<string[]> {
  const dir = options.dir ?? LOOK_DIR;
  mkdirSync(dir, { recursive: true });
  const session = await sessionOf(browser, portal, person.username);
  const found = await Promise.all(
    (options.screens ?? SCREENS).map((screen) =>
      lookOnScreen(browser, errors, portal, person, screen, dir, session),
    ),
  );
  return found.flat();
}

/**
 * npm test's short look: the `index`-th person on one screen, the screens taken in turn, so that five
 * people cover all four (`npm run look` puts everyone on every screen).
 */
export function screenInTurn(index: number): readonly Screen[] {
  const screen = SCREENS[index % SCREENS.length];
  if (!screen) throw new Error('no screens to look at');
  return [screen];
}

/**
 * The five people whose pages the look suite checks, each with a home page and an approval queue
 * (`login` is the enterprise's login prefix: demo-consortium.ts).
 */
export function lookPeople(
  login: (key: 'core' | 'tier1' | 'tier2' | 'bankA' | 'carrier') => string,
): LookPerson[] {
  const home = { name: 'home', path: '/dashboard' };
  return [
    {
      role: 'sme-tier1',
      org: 'supplier',
      username: `${login('tier1')}.approver`,
      pages: [
        { ...home, ready: 'stat-held' },
        { name: 'queue', path: '/acceptances', ready: 'acceptance-table' },
      ],
    },
    {
      role: 'sme-tier2',
      org: 'supplier',
      username: `${login('tier2')}.approver`,
      pages: [
        { ...home, ready: 'stat-held' },
        { name: 'queue', path: '/financings', ready: 'financing-table' },
      ],
    },
    {
      role: 'core',
      org: 'core',
      username: `${login('core')}.approver`,
      pages: [
        { ...home, ready: 'stat-payable' },
        { name: 'queue', path: '/confirmations', ready: 'inbox-table' },
      ],
    },
    {
      role: 'bank',
      org: 'banka',
      username: `${login('bankA')}.approver`,
      pages: [
        { name: 'home', path: '/portfolio', ready: 'stat-exposure' },
        { name: 'queue', path: '/financings', ready: 'financing-table' },
      ],
    },
    {
      role: 'logistics',
      org: 'logistics',
      username: `${login('carrier')}.clerk`,
      pages: [
        { ...home, ready: 'needs-me' },
        { name: 'queue', path: '/shipments', ready: 'shipment-table' },
      ],
    },
  ];
}
