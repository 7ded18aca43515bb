import type { Page } from 'playwright-core';

/**
 * Collects what the portal's pages report as errors (console.error, failed loads Chromium logs, and
 * uncaught exceptions); a test takes them at its end and fails unless there were none.
 */
export class ConsoleErrors {
  readonly #seen: string[] = [];

  watch(page: Page, label: string): void {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const { url } = message.location();
      this.#seen.push(`${label}: console error: ${message.text()}${url ? ` (${url})` : ''}`);
    });
    page.on('pageerror', (error) => {
      this.#seen.push(`${label}: uncaught ${error.name}: ${error.message}`);
    });
  }

  /** The errors seen since the last call. */
  take(): string[] {
    return this.#seen.splice(0);
  }
}
