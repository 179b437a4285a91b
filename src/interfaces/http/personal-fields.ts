import { STAGING_TABLE_DOCS, TableDoc, WAREHOUSE_TABLE_DOCS } from '../../domain/data-dictionary';

/** Field names that would carry personal data: the dictionary's personal columns, and these. */
export const PERSONAL_FIELDS: ReadonlySet<string> = new Set([
  'first_name',
  'last_name',
  'dob',
  'email',
  'phone',
  'street',
  ...[...WAREHOUSE_TABLE_DOCS, ...STAGING_TABLE_DOCS].flatMap((doc: TableDoc) =>
    doc.columns.filter((c) => c.personal).map((c) => c.name),
  ),
]);

/**
 * Personal field names found anywhere in a JSON-bound value (object keys and cube `columns`).
 * The server checks every answer before it leaves, so a future query that selects a personal
 * column fails loudly instead of leaking it.
 */
export function personalFieldsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    // A list of names (cube columns) counts as field names too.
    for (const item of value) {
      if (typeof item === 'string' && PERSONAL_FIELDS.has(item)) found.add(item);
      else if (typeof item === 'object' && item !== null) personalFieldsIn(item, found);
    }
  } else if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      if (PERSONAL_FIELDS.has(key)) found.add(key);
      if (typeof item === 'object' && item !== null) personalFieldsIn(item, found);
    }
  }
  return found;
}
