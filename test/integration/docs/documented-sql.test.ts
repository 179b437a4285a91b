import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DemoWarehouse, loadDemoWarehouse } from '../../support/demo-warehouse';
import { describeOnEngines } from '../../support/test-database';

const ROOT = resolve(__dirname, '../../..');

interface SqlBlock {
  readonly file: string;
  readonly line: number;
  readonly statement: string;
}

/** Every statement of every ```sql block of README.md and docs/*.md. */
function documentedSql(): SqlBlock[] {
  const files = [
    'README.md',
    ...readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  const blocks: SqlBlock[] = [];
  for (const file of files) {
    const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (lines[i]!.trim() !== '```sql') continue;
      const start = i + 1;
      const body: string[] = [];
      for (i = start; i < lines.length && lines[i]!.trim() !== '```'; i++) body.push(lines[i]!);
      const statements = body
        .join('\n')
        .split(/;\s*(?:\n|$)/)
        .map((s) => s.trim())
        .filter((s) => s.replace(/--[^\n]*/g, '').trim() !== '');
      for (const statement of statements) blocks.push({ file, line: start, statement });
    }
  }
  return blocks;
}

describe('documented SQL', () => {
  it('finds the README samples', () => {
    const readme = documentedSql().filter((b) => b.file === 'README.md');
    expect(readme.length).to.be.at.least(4);
  });
});

describeOnEngines('documented SQL against the demo warehouse', (t) => {
  let demo: DemoWarehouse;
  before(async function () {
    this.timeout(600_000);
    demo = await loadDemoWarehouse(t);
    expect(demo.report.batches.map((b) => b.status)).to.deep.equal([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
  });
  after(() => demo?.dispose());

  for (const block of documentedSql()) {
    it(`${block.file}:${block.line} returns rows: ${block.statement
      .split('\n')
      .find((l) => !l.trim().startsWith('--'))
      ?.trim()}`, async () => {
      const rows = await t.db.query(block.statement);
      expect(rows.length, `${block.file} line ${block.line}`).to.be.greaterThan(0);
    });
  }
});
