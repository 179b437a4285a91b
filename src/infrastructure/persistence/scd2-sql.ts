import { Scd2Column, Scd2Table } from './scd2-table';

/**
 * SQL fragments of the SCD2 merge, generated from a dimension's columns. The hash expression
 * mirrors `src/domain/scd2/attr-hash.ts` byte for byte (tested on both engines).
 */

/** Normalized text of a value, as `normalizeAttr` produces it (NULL stays NULL). */
function normalizedSql(column: Scd2Column, ref: string): string {
  switch (column.kind) {
    case 'text':
      return ref;
    case 'integer':
    case 'boolean':
      return `${ref}::text`;
    case 'numeric':
      return `trim_scale(${ref})::text`;
    case 'date':
      // Not ::text, which follows the session's DateStyle.
      return `to_char(${ref}, 'YYYY-MM-DD')`;
  }
}

/** `N` for NULL, else `<length>:<text>` (see encodeAttrs). */
function encodedSql(column: Scd2Column, ref: string): string {
  const text = normalizedSql(column, ref);
  return `CASE WHEN ${ref} IS NULL THEN 'N' ELSE length(${text}) || ':' || ${text} END`;
}

/** `attr_hash` of the change drivers of the row `alias`. */
export function attrHashSql(table: Scd2Table, alias: string): string {
  const parts = table.changeDrivers.map((c) => encodedSql(c, `${alias}.${c.name}`));
  return `sha256(convert_to(${parts.join('\n           || ')}, 'UTF8'))`;
}

export function columnList(columns: readonly Scd2Column[], alias?: string): string {
  return columns.map((c) => (alias ? `${alias}.${c.name}` : c.name)).join(', ');
}

/** `d.a = s.a AND d.b = s.b` over the natural key. */
export function naturalKeyJoin(table: Scd2Table, left: string, right: string): string {
  return table.naturalKey.map((c) => `${left}.${c.name} = ${right}.${c.name}`).join(' AND ');
}

/** `a = s.a, b = s.b` for an UPDATE … SET. */
export function assignments(columns: readonly Scd2Column[], from: string): string {
  return columns.map((c) => `${c.name} = ${from}.${c.name}`).join(',\n         ');
}
