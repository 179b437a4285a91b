import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeOnEngines } from '../../support/test-database';

interface Entity {
  readonly columns: Map<string, string>;
}

/** Entities (with their attributes) and relationships of the README's Mermaid ER diagram. */
function readmeDiagram(): {
  entities: Map<string, Entity>;
  relationships: Array<[string, string, string[]]>;
} {
  const readme = readFileSync(resolve(__dirname, '../../../README.md'), 'utf8');
  const diagram = /```mermaid\nerDiagram\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!diagram) throw new Error('README.md has no Mermaid erDiagram');
  const entities = new Map<string, Entity>();
  for (const match of diagram.matchAll(/^\s{4}(\w+) \{\n([\s\S]*?)\n\s{4}\}/gm)) {
    const columns = new Map<string, string>();
    for (const line of match[2]!.split('\n')) {
      const [type, name] = line.trim().split(/\s+/);
      if (type && name) columns.set(name, type);
    }
    entities.set(match[1]!, { columns });
  }
  const relationships: Array<[string, string, string[]]> = [];
  for (const match of diagram.matchAll(/^\s{4}(\w+) \S+ (\w+) : "([^"]+)"/gm)) {
    relationships.push([match[1]!, match[2]!, match[3]!.split(',').map((c) => c.trim())]);
  }
  return { entities, relationships };
}

const PG_TYPE: Record<string, string> = {
  integer: 'integer',
  bigint: 'bigint',
  smallint: 'smallint',
  text: 'text',
  date: 'date',
  numeric: 'numeric',
  boolean: 'boolean',
  bytea: 'bytea',
  timestamptz: 'timestamp with time zone',
};

describeOnEngines('README star-schema diagram', (t) => {
  const { entities, relationships } = readmeDiagram();

  it('shows exactly the tables of schema warehouse', async () => {
    const tables = await t.db.query<{ name: string }>(
      `SELECT c.relname AS name
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'warehouse' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        ORDER BY 1`,
    );
    expect([...entities.keys()].sort()).to.deep.equal(tables.map((r) => r.name));
  });

  it('names columns that exist with the types the migrations give them', async () => {
    const columns = await t.db.query<{
      table_name: string;
      column_name: string;
      data_type: string;
    }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'warehouse'`,
    );
    const actual = new Map(columns.map((c) => [`${c.table_name}.${c.column_name}`, c.data_type]));
    for (const [table, entity] of entities) {
      for (const [column, type] of entity.columns) {
        expect(actual.get(`${table}.${column}`), `${table}.${column}`).to.equal(PG_TYPE[type]);
      }
    }
  });

  it('marks as PK exactly the primary-key columns', async () => {
    const keys = await t.db.query<{ table_name: string; column_name: string }>(
      `SELECT tc.table_name, kcu.column_name
         FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu
           ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema AND kcu.table_name = tc.table_name
        WHERE tc.table_schema = 'warehouse' AND tc.constraint_type = 'PRIMARY KEY'`,
    );
    const readme = readFileSync(resolve(__dirname, '../../../README.md'), 'utf8');
    for (const table of entities.keys()) {
      const block = new RegExp(`\\s{4}${table} \\{\\n([\\s\\S]*?)\\n\\s{4}\\}`).exec(readme)![1]!;
      const marked = block
        .split('\n')
        .filter((l) => /\bPK\b/.test(l))
        .map((l) => l.trim().split(/\s+/)[1])
        .sort();
      expect(marked, table).to.deep.equal(
        keys
          .filter((k) => k.table_name === table)
          .map((k) => k.column_name)
          .sort(),
      );
    }
  });

  it('draws relationships over columns both tables have', () => {
    expect(relationships.length).to.be.at.least(8);
    // A label lists the joined columns: `col` when both sides share the name, else `child = parent`.
    for (const [parent, child, pairs] of relationships) {
      for (const pair of pairs) {
        const [childColumn, parentColumn = childColumn] = pair.split('=').map((c) => c.trim());
        expect(
          entities.get(parent)?.columns.has(parentColumn!),
          `${parent}.${parentColumn}`,
        ).to.equal(true);
        expect(entities.get(child)?.columns.has(childColumn!), `${child}.${childColumn}`).to.equal(
          true,
        );
      }
    }
  });
});
