import { TableDoc } from './table-doc';

export const DQ_RESULT_DOC: TableDoc = {
  schema: 'etl',
  name: 'dq_result',
  kind: 'table',
  comment:
    'One row per data-quality check run: its outcome, how many rows failed and a few failing keys (ids only). Kept for failed batches too.',
  columns: [
    { name: 'dq_result_id', type: 'bigint', comment: 'Surrogate key.' },
    {
      name: 'load_id',
      type: 'bigint',
      comment:
        'Load batch checked (etl.load_batch.load_id); NULL when the warehouse was checked without a batch.',
    },
    {
      name: 'check_name',
      type: 'text',
      comment: 'Name of the check in the catalogue (docs/data-quality.md).',
    },
    {
      name: 'check_kind',
      type: 'text',
      comment:
        'not_null, unique, relationships, accepted_values, row_count, reconciliation, scd2_integrity, expression or freshness.',
    },
    { name: 'table_name', type: 'text', comment: 'Checked table, schema.table.' },
    {
      name: 'severity',
      type: 'text',
      comment: 'error (a failure rolls the batch back) or warn (reported only).',
    },
    {
      name: 'status',
      type: 'text',
      comment: 'pass, fail, or error when the check itself could not run (see error_message).',
    },
    {
      name: 'failing_count',
      type: 'bigint',
      comment:
        'Failing rows; for unique and scd2_integrity failing keys, for file reconciliation failing files, for row_count the distance to the violated bound, for freshness 1.',
    },
    {
      name: 'sample_keys',
      type: 'jsonb',
      comment:
        'Up to five failing units as objects of their key columns (ids only, never personal data), with the problem found.',
    },
    {
      name: 'observed',
      type: 'jsonb',
      comment:
        'Figures the check measured: row count and bounds, totals compared, unexpected values with counts, age in days; NULL when none.',
    },
    {
      name: 'error_message',
      type: 'text',
      comment: 'Why the check could not run (status error), without data values.',
    },
    { name: 'description', type: 'text', comment: 'What the check guards, from the catalogue.' },
    { name: 'checked_at', type: 'timestamptz', comment: 'When the check ran.' },
    { name: 'duration_ms', type: 'integer', comment: 'How long the check query took, ms.' },
  ],
};

export const DATA_QUALITY_TABLE_DOCS: readonly TableDoc[] = [DQ_RESULT_DOC];
