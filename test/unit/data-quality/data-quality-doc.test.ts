import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderCheckCatalogueMarkdown } from '../../../src/application/check-quality/report/check-catalogue-markdown';
import { QUALITY_CHECKS } from '../../../src/domain/data-quality/checks.catalog';

const DOC = resolve(__dirname, '../../../docs/data-quality.md');

function catalogueBlock(markdown: string): string {
  const match = /<!-- checks:start -->\n([\s\S]*?)\n<!-- checks:end -->/.exec(markdown);
  if (!match) throw new Error('docs/data-quality.md has no <!-- checks:start/end --> block');
  return match[1]!;
}

describe('docs/data-quality.md', () => {
  const doc = readFileSync(DOC, 'utf8');

  it('lists every check of the catalogue, as generated from it (npm run dq -- --catalogue)', () => {
    expect(catalogueBlock(doc)).to.equal(renderCheckCatalogueMarkdown(QUALITY_CHECKS));
  });

  it('has one catalogue row per check', () => {
    const rows = catalogueBlock(doc).split('\n').slice(2);
    expect(rows.map((row) => /^\| `([a-z0-9_]+)` \|/.exec(row)?.[1])).to.deep.equal(
      QUALITY_CHECKS.map((c) => c.name),
    );
  });
});
