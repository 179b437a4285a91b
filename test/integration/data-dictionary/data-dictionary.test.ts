import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { renderDataDictionary } from '../../../src/application/document-dictionary/render-data-dictionary';
import { DATA_DICTIONARY, qualifiedName, TableDoc } from '../../../src/domain/data-dictionary';
import { describeOnEngines } from '../../support/test-database';

const PAGE = resolve(__dirname, '../../../docs/data-dictionary.md');
const KIND: Record<string, TableDoc['kind']> = {
  r: 'table',
  p: 'table',
  v: 'view',
  m: 'materialized view',
};

describe('docs/data-dictionary.md', () => {
  it('is what the dictionary source renders (run `npm run docs` after changing a doc)', async () => {
    const committed = await readFile(PAGE, 'utf8');
    expect(
      committed === renderDataDictionary(DATA_DICTIONARY),
      'docs/data-dictionary.md is stale',
    ).to.equal(true);
  });

  it('marks personal columns', () => {
    const page = renderDataDictionary(DATA_DICTIONARY);
    expect(page).to.match(/\| `dob` +\| date +\| \*\*personal\*\* \|/);
    expect(page).to.match(/\| `raw_text` +\| text +\| \*\*personal\*\* \|/);
  });

  it('renders aligned tables and escapes what would break a cell', () => {
    const page = renderDataDictionary([
      {
        schema: 'etl',
        name: 'probe',
        kind: 'view',
        comment: 'A view.',
        columns: [
          { name: 'a', type: 'text', comment: 'x | y\nsecond line' },
          { name: 'bb', type: 'int', comment: 'Secret.', personal: true },
        ],
      },
    ]);
    expect(page).to.contain(
      [
        '### etl.probe',
        '',
        'View. A view.',
        '',
        '| Column | Type | Personal     | Description        |',
        '| ------ | ---- | ------------ | ------------------ |',
        '| `a`    | text |              | x \\| y second line |',
        '| `bb`   | int  | **personal** | Secret.            |',
      ].join('\n'),
    );
    expect(page).to.contain('- `etl`: [probe](#etlprobe)');
  });

  it('names every table once', () => {
    const names = DATA_DICTIONARY.map(qualifiedName);
    expect(names).to.deep.equal([...new Set(names)]);
  });
});

describeOnEngines('data dictionary and database comments', (t) => {
  it('agree: every object and column is documented with the same text, and every doc exists', async () => {
    const objects = await t.db.query<{ name: string; kind: string; comment: string | null }>(
      `SELECT n.nspname || '.' || c.relname AS name, c.relkind::text AS kind,
              obj_description(c.oid, 'pg_class') AS comment
         FROM pg_class AS c
         JOIN pg_namespace AS n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('staging', 'warehouse', 'mart', 'etl')
          AND c.relkind IN ('r', 'p', 'v', 'm')
          AND NOT c.relispartition
        ORDER BY 1`,
    );
    const columns = await t.db.query<{ name: string; column: string; comment: string | null }>(
      `SELECT n.nspname || '.' || c.relname AS name, a.attname AS column,
              col_description(c.oid, a.attnum) AS comment
         FROM pg_attribute AS a
         JOIN pg_class AS c ON c.oid = a.attrelid
         JOIN pg_namespace AS n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('staging', 'warehouse', 'mart', 'etl')
          AND c.relkind IN ('r', 'p', 'v', 'm')
          AND NOT c.relispartition
          AND a.attnum > 0
          AND NOT a.attisdropped
        ORDER BY 1, a.attnum`,
    );

    const docs = new Map(DATA_DICTIONARY.map((d) => [qualifiedName(d), d]));
    const problems: string[] = [];
    for (const object of objects) {
      const doc = docs.get(object.name);
      if (!doc) {
        problems.push(`${object.name}: in the database, not in the dictionary`);
        continue;
      }
      if (KIND[object.kind] !== doc.kind) {
        problems.push(`${object.name}: is a ${KIND[object.kind]}, documented as a ${doc.kind}`);
      }
      if (object.comment !== doc.comment) problems.push(`${object.name}: COMMENT differs`);
    }
    const inDatabase = new Set(objects.map((o) => o.name));
    for (const name of docs.keys()) {
      if (!inDatabase.has(name)) problems.push(`${name}: in the dictionary, not in the database`);
    }

    const columnComments = new Map(columns.map((c) => [`${c.name}.${c.column}`, c.comment]));
    for (const column of columns) {
      const doc = docs.get(column.name);
      if (!doc) continue;
      const documented = doc.columns.find((c) => c.name === column.column);
      if (!documented)
        problems.push(`${column.name}.${column.column}: column not in the dictionary`);
      else if (documented.comment !== column.comment) {
        problems.push(`${column.name}.${column.column}: COMMENT differs`);
      }
    }
    for (const doc of DATA_DICTIONARY) {
      if (!inDatabase.has(qualifiedName(doc))) continue;
      for (const column of doc.columns) {
        const key = `${qualifiedName(doc)}.${column.name}`;
        if (!columnComments.has(key))
          problems.push(`${key}: in the dictionary, not in the database`);
      }
    }
    expect(problems).to.deep.equal([]);
    expect(objects.length).to.equal(DATA_DICTIONARY.length);
  });
});
