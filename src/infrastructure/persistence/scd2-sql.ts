import { Scd2Column, Scd2Table } from './scd2-table';

/**
 * SQL fragments of the SCD2 merge, generated from a dimension's columns. The hash expression
 * mirrors `src/domain/scd2/attr-hash.ts` byte for byte (tested on both engines).
 */

/**
 * A driver value ready for the record output, printing as `normalizeAttr` normalizes it: text,
 * integers and booleans print as they are; numerics without trailing fraction zeros; dates
 * through to_char, since a date's own output follows the session's DateStyle.
 */
function normalizedSql(column: Scd2Column, ref: string): string {
  switch (column.kind) {
    case 'text':
    case 'integer':
    case 'boolean':
      return ref;
    case 'numeric':
      return `trim_scale(${ref})`;
    case 'date':
      return `to_char(${ref}, 'YYYY-MM-DD')`;
  }
}

/**
 * `attr_hash` of the change drivers of the row `alias`: SHA-256 of the composite literal of
 * their normalized values (see encodeAttrs in src/domain/scd2/attr-hash.ts).
 */
export function attrHashSql(table: Scd2Table, alias: string): string {
  const values = table.changeDrivers.map((c) => normalizedSql(c, `${alias}.${c.name}`));
  return `sha256(convert_to(ROW(${values.join(', ')})::text, 'UTF8'))`;
}

export function columnList(columns: readonly Scd2Column[], alias?: string): string {
  return columns.map((c) => (alias ? `${alias}.${c.name}` : c.name)).join(', ');
}

/** `d.a = s.a AND d.b = s.b` over the natural key. */
export function naturalKeyJoin(table: Scd2Table, left: string, right: string): string {
  return table.naturalKey.map((c) => `${left}.${c.name} = ${right}.${c.name}`).join(' AND ');
}
