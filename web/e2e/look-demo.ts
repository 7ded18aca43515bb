/**
 * npm run look [-- --state-dir DIR --out DIR]: the look suite's checks and screenshots, taken of a
 * running consortium (`npm start`'s unless told) with whatever it holds, the demo's year of history
 * included: each person's home page and queue at 390, 1280 and 1920 px and at 390 px in English.
 * Prints what looks broken and where the screenshots are; exits 1 if anything looks broken.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { findMember, openNetwork } from '@scf/network';
import { portalUrl } from '../../node-api/src/cli/node-env.ts';
import { demoEnterprise } from '../../node-api/src/demo/demo-consortium.ts';
import { launchChromium } from './support/browser.ts';
import { ConsoleErrors } from './support/console-errors.ts';
import { lookAt, lookPeople } from './support/look.ts';

const DEFAULT_OUT = fileURLToPath(new URL('../../reports/look-demo/', import.meta.url));

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'state-dir': { type: 'string' }, out: { type: 'string' } } });
  const ctx = openNetwork({ stateDir: values['state-dir'], log: () => undefined });
  const out = values.out ?? DEFAULT_OUT;
  const browser = await launchChromium();
  const errors = new ConsoleErrors();
  const found: string[] = [];
  try {
    for (const person of lookPeople((key) => demoEnterprise(key).login)) {
      const portal = portalUrl(findMember(ctx.topology, person.org));
      process.stdout.write(`looking at ${person.role} (${person.username}) on ${portal}\n`);
      found.push(...(await lookAt(browser, errors, portal, person, { dir: out })));
    }
  } finally {
    await browser.close();
  }
  found.push(...errors.take());
  for (const problem of found) process.stdout.write(`  ${problem}\n`);
  process.stdout.write(`${String(found.length)} problem(s); screenshots in ${out}\n`);
  return found.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`look failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
