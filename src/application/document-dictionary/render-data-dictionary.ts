import { qualifiedName, TableDoc } from '../../domain/data-dictionary';

const SCHEMA_ORDER: readonly TableDoc['schema'][] = ['staging', 'warehouse', 'mart', 'etl'];

const KIND_LABEL: Record<TableDoc['kind'], string> = {
  table: 'Table',
  view: 'View',
  'materialized view': 'Materialized view',
};

/**
 * The data dictionary as Markdown (docs/data-dictionary.md): one section per schema, one
 * table of columns per object, personal columns marked. Pure: the same docs always give the
 * same text, already in Prettier's layout, so the committed file can be compared with it.
 */
export function renderDataDictionary(docs: readonly TableDoc[]): string {
  const schemas = SCHEMA_ORDER.filter((schema) => docs.some((d) => d.schema === schema));
  const out: string[] = [
    '# Data dictionary',
    '',
    '<!-- Generated from src/domain/data-dictionary/ by `npm run docs`; do not edit by hand. -->',
    '',
    'Every table, view and column of the warehouse with its meaning. The same source writes the',
    "database's `COMMENT ON` statements (so `\\d+` in psql says the same), and a test checks that",
    'a migrated database and this page agree.',
    '',
    'Columns marked **personal** hold personal data: the `warehouse_analyst` role cannot read',
    'them, and they never appear in logs, error messages or data-quality samples.',
    '',
    '## Contents',
    '',
    ...schemas.map((schema) => {
      const links = docs
        .filter((d) => d.schema === schema)
        .map((d) => `[${d.name}](#${anchor(qualifiedName(d))})`);
      return `- \`${schema}\`: ${links.join(', ')}`;
    }),
  ];
  for (const schema of schemas) {
    out.push('', `## Schema \`${schema}\``);
    for (const doc of docs.filter((d) => d.schema === schema)) {
      out.push(
        '',
        `### ${qualifiedName(doc)}`,
        '',
        `${KIND_LABEL[doc.kind]}. ${cell(doc.comment)}`,
      );
      out.push(
        '',
        ...markdownTable(
          ['Column', 'Type', 'Personal', 'Description'],
          doc.columns.map((c) => [
            `\`${c.name}\``,
            cell(c.type),
            c.personal ? '**personal**' : '',
            cell(c.comment),
          ]),
        ),
      );
    }
  }
  out.push('');
  return out.join('\n');
}

/** GitHub's heading anchor: lower case, punctuation other than - and _ removed. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

/** Text safe inside a table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

/** A table padded the way Prettier pads it (every column as wide as its widest cell). */
function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) =>
    Math.max(3, h.length, ...rows.map((r) => [...(r[i] ?? '')].length)),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - [...c].length)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}
