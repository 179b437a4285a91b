import { ColumnSpec, SEED_FILES, SeedFileSpec, sqlTypeOf } from '../seed-contract';
import { ColumnDoc, TableDoc } from './table-doc';

/** Columns every staging table carries besides the contract's. */
export const STAGING_META_COLUMNS: readonly ColumnDoc[] = [
  {
    name: 'load_id',
    type: 'bigint',
    comment: 'Load batch that staged the row (etl.load_batch.load_id).',
  },
  {
    name: 'source_line',
    type: 'integer',
    comment: 'Physical line number of the row in its CSV file (header = line 1).',
  },
  {
    name: 'extra',
    type: 'jsonb',
    comment:
      'Columns of the file that the contract does not name, as {header: value}; nothing in the input is dropped.',
    // Unvetted columns may hold anything, names and dates of birth included.
    personal: true,
  },
];

function contractColumnDoc(column: ColumnSpec): ColumnDoc {
  const required = column.required ? 'Required.' : 'Optional.';
  const domain = column.domain ? ` One of: ${column.domain.join(', ')}.` : '';
  return {
    name: column.name,
    type: sqlTypeOf(column),
    comment: `${column.description} ${required}${domain}`,
    ...(column.personal ? { personal: true } : {}),
  };
}

function stagingTableDoc(spec: SeedFileSpec): TableDoc {
  return {
    schema: 'staging',
    name: spec.entity,
    kind: 'table',
    comment: `${spec.file} of the latest load batch, typed 1:1 (one row per valid input line). ${spec.description} Natural key: ${spec.naturalKey.join(', ')}.`,
    columns: [...STAGING_META_COLUMNS, ...spec.columns.map(contractColumnDoc)],
  };
}

export const STAGING_TABLE_DOCS: readonly TableDoc[] = SEED_FILES.map(stagingTableDoc);

export const STAGING_REJECTS_DOC: TableDoc = {
  schema: 'staging',
  name: 'rejects',
  kind: 'table',
  comment:
    'Input lines that could not be typed, with the reason; one row per rejected line. Together with the staged rows they account for every line read.',
  columns: [
    { name: 'reject_id', type: 'bigint', comment: 'Surrogate key.' },
    { name: 'load_id', type: 'bigint', comment: 'Load batch that read the line.' },
    { name: 'file', type: 'text', comment: 'CSV file name inside the seed set (e.g. claims.csv).' },
    {
      name: 'line',
      type: 'integer',
      comment: 'Physical line number where the record starts (header = line 1).',
    },
    {
      name: 'column_name',
      type: 'text',
      comment:
        'Column whose value failed, NULL when the whole record failed (e.g. wrong field count).',
    },
    {
      name: 'reason',
      type: 'text',
      comment: 'Why the line was rejected, naming the rule of the seed-set contract.',
    },
    {
      name: 'raw_text',
      type: 'text',
      comment:
        'The record as read, for repair and re-submission (truncated past 10,000 characters).',
      personal: true,
    },
  ],
};
