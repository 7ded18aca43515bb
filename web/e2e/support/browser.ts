import { chromium, type Browser } from 'playwright-core';

/** Every page is looked at (and screenshotted) at this size. */
export const VIEWPORT = { width: 1280, height: 800 } as const;
/** An approver's phone (the 390×844): the portal must fit it with the menu one tap away. */
export const PHONE_VIEWPORT = { width: 390, height: 844 } as const;

/** Debian's Chromium (scripts/env.sh installs it); playwright-core brings no browser of its own. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.SCF_CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}
