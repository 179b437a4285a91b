import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

interface CorpusCase {
  readonly name: string;
  readonly file: string;
  readonly input?: string;
  readonly generate?: string;
  readonly expect:
    | {
        readonly outcome: 'staged';
        readonly read: number;
        readonly staged: number;
        readonly rejected: number;
        readonly duplicates: number;
        readonly conflicts: number;
      }
    | { readonly outcome: 'fails'; readonly message: string };
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The corpus as the Markdown table of docs/reliability.md. */
export function outcomesTable(cases: readonly CorpusCase[]): string {
  const rows = cases.map((c) => {
    const input = c.input ? `\`${c.input}\`` : `generated (${c.generate ?? '?'})`;
    const e = c.expect;
    const outcome =
      e.outcome === 'fails'
        ? `fails: ${cell(e.message)}`
        : `read ${e.read}, staged ${e.staged}, rejected ${e.rejected}` +
          (e.duplicates + e.conflicts > 0
            ? `, duplicates ${e.duplicates}, conflicts ${e.conflicts}`
            : '');
    return `| ${cell(c.name)} | ${c.file} | ${input} | ${outcome} |`;
  });
  return ['| case | file | input | outcome |', '|---|---|---|---|', ...rows].join('\n');
}

/** Table text without the padding Prettier adds to align columns. */
function normalized(markdown: string): string {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.replace(/\s*\|\s*/g, '|').replace(/-{3,}/g, '---'))
    .join('\n');
}

describe('docs/reliability.md', () => {
  it('lists every case of the bad-input corpus with its outcome, as cases.json says', () => {
    const corpus = JSON.parse(
      readFileSync(resolve(ROOT, 'test/fixtures/bad-inputs/cases.json'), 'utf8'),
    ) as { cases: CorpusCase[] };
    const doc = readFileSync(resolve(ROOT, 'docs/reliability.md'), 'utf8');
    const table = outcomesTable(corpus.cases);
    if (process.env.PRINT_RELIABILITY_TABLE) process.stdout.write(`${table}\n`);
    expect(normalized(doc)).to.contain(normalized(table));
  });
});
