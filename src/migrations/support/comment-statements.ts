import { qualifiedName, TableDoc } from '../../domain/data-dictionary';

const KEYWORD: Record<TableDoc['kind'], string> = {
  table: 'TABLE',
  view: 'VIEW',
  'materialized view': 'MATERIALIZED VIEW',
};

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** `COMMENT ON` statements for a documented object and each of its columns. */
export function commentStatements(doc: TableDoc): string[] {
  const name = qualifiedName(doc);
  return [
    `COMMENT ON ${KEYWORD[doc.kind]} ${name} IS ${literal(doc.comment)}`,
    ...doc.columns.map((c) => `COMMENT ON COLUMN ${name}.${c.name} IS ${literal(c.comment)}`),
  ];
}
