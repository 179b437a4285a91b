/**
 * Writes docs/data-dictionary.md from the data dictionary source (`npm run docs` runs it
 * before TypeDoc). With `--check` it writes nothing and exits 1 if the committed page is stale.
 *
 *   npx ts-node src/interfaces/cli/data-dictionary.cli.ts [--check] [--out <file>]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { renderDataDictionary } from '../../application/document-dictionary/render-data-dictionary';
import { DATA_DICTIONARY } from '../../domain/data-dictionary';
import { EXIT, runCli, UsageError } from './support/cli-runtime';

export const DATA_DICTIONARY_PAGE = resolve(__dirname, '../../../docs/data-dictionary.md');

async function main(argv: readonly string[]): Promise<number> {
  let check = false;
  let out = DATA_DICTIONARY_PAGE;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') check = true;
    else if (arg === '--out' && argv[i + 1]) out = resolve(argv[++i] ?? '');
    else
      throw new UsageError(
        `unknown argument ${arg}; usage: data-dictionary [--check] [--out <file>]`,
      );
  }
  const markdown = renderDataDictionary(DATA_DICTIONARY);
  if (check) {
    const current = await readFile(out, 'utf8').catch(() => '');
    if (current === markdown) return EXIT.ok;
    process.stderr.write(`${out} is stale; run npm run docs\n`);
    return EXIT.failed;
  }
  await writeFile(out, markdown);
  process.stdout.write(`wrote ${out} (${DATA_DICTIONARY.length} tables and views)\n`);
  return EXIT.ok;
}

if (require.main === module) void runCli(() => main(process.argv.slice(2)));
