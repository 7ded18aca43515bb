import { readFile, writeFile } from 'node:fs/promises';
import { generateClient, OUTPUT_PATH } from './generate-client.ts';

/** `node scripts/codegen.ts` writes the typed client; `--check` fails when the committed one is stale. */
async function main(check: boolean): Promise<void> {
  const generated = await generateClient();
  if (!check) {
    await writeFile(OUTPUT_PATH, generated);
    process.stdout.write(`wrote ${OUTPUT_PATH}\n`);
    return;
  }
  const committed = await readFile(OUTPUT_PATH, 'utf8').catch(() => '');
  if (committed !== generated) {
    process.stderr.write(`${OUTPUT_PATH} is stale: run npm run codegen -w web\n`);
    process.exitCode = 1;
  }
}

await main(process.argv.includes('--check'));
