/**
 * The data dictionary's single source: every warehouse object and column with its meaning.
 * Migrations turn these into `COMMENT ON` statements and `npm run docs` into
 * `docs/data-dictionary.md`; a test checks that the database and this source agree.
 */
export interface ColumnDoc {
  readonly name: string;
  /** SQL type as the migration declares it (documentation only). */
  readonly type: string;
  readonly comment: string;
  /** Personal data: hidden from the analyst role and never logged. */
  readonly personal?: boolean;
}

export type ObjectKind = 'table' | 'materialized view' | 'view';

export interface TableDoc {
  readonly schema: 'staging' | 'warehouse' | 'mart' | 'etl';
  readonly name: string;
  readonly kind: ObjectKind;
  /** Grain and purpose, one or two sentences. */
  readonly comment: string;
  readonly columns: readonly ColumnDoc[];
}

export function qualifiedName(doc: TableDoc): string {
  return `${doc.schema}.${doc.name}`;
}

export function columnDoc(doc: TableDoc, name: string): ColumnDoc {
  const column = doc.columns.find((c) => c.name === name);
  if (!column) throw new Error(`${qualifiedName(doc)} has no documented column '${name}'`);
  return column;
}
