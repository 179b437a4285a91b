import { TableDoc } from './table-doc';

export const LOAD_BATCH_DOC: TableDoc = {
  schema: 'etl',
  name: 'load_batch',
  kind: 'table',
  comment:
    'One row per load batch (one seed set through stage, dimensions, facts, data quality and marts): the audit trail of the warehouse.',
  columns: [
    {
      name: 'load_id',
      type: 'bigint',
      comment: 'Batch identifier, increasing; carried by every row the batch writes.',
    },
    { name: 'load_timestamp', type: 'timestamptz', comment: 'When the batch started.' },
    {
      name: 'as_of',
      type: 'timestamptz',
      comment: 'Extraction time of the seed set; SCD2 versions of this batch are valid from it.',
    },
    { name: 'mode', type: 'text', comment: 'full or incremental.' },
    {
      name: 'seed_kind',
      type: 'text',
      comment: 'Kind the seed set declares in its manifest: full or incremental.',
    },
    { name: 'source', type: 'text', comment: 'Seed set folder the batch read.' },
    {
      name: 'files',
      type: 'jsonb',
      comment:
        'Per file: sha256, bytes, and counts read / staged / rejected / duplicate / conflicting.',
    },
    {
      name: 'stages',
      type: 'jsonb',
      comment:
        'Per stage: seconds and counts (versions created, facts inserted / updated, checks passed / failed).',
    },
    {
      name: 'status',
      type: 'text',
      comment: 'running, succeeded, failed or skipped (same files already loaded).',
    },
    { name: 'error', type: 'text', comment: 'Why the batch failed (no personal data).' },
    {
      name: 'finished_at',
      type: 'timestamptz',
      comment: 'When the batch ended, NULL while running.',
    },
  ],
};

export const ETL_TABLE_DOCS: readonly TableDoc[] = [LOAD_BATCH_DOC];
