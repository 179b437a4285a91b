import { QualityCheck } from './quality-check';

/** Checks of the load batch itself: every line accounted for, every staged claim in the fact. */
export const BATCH_CHECKS: readonly QualityCheck[] = [
  {
    name: 'batch_file_lines_reconcile',
    table: 'etl.load_batch',
    kind: 'reconciliation',
    severity: 'error',
    params: {
      mode: 'file_lines',
      filesColumn: 'files',
      rejectsTable: 'staging.rejects',
      batchColumn: 'load_id',
    },
    description:
      'For every file of the batch, lines read = staged + rejected, and the rejected count equals its rows in staging.rejects (once the pipeline has recorded the counts on etl.load_batch.files).',
  },
  {
    name: 'batch_claims_reach_fact',
    table: 'warehouse.fact_claim',
    kind: 'reconciliation',
    severity: 'error',
    params: {
      mode: 'keyed',
      source: { table: 'staging.claims', latestBy: 'source_line' },
      keyColumns: ['claim_id'],
      measures: [],
      batchColumn: 'load_id',
    },
    description:
      'The distinct claim_ids staged by the batch are exactly the fact rows of the batch: none missing, none extra.',
  },
  {
    name: 'batch_claims_paid_reconcile',
    table: 'warehouse.fact_claim',
    kind: 'reconciliation',
    severity: 'error',
    params: {
      mode: 'keyed',
      source: { table: 'staging.claims', latestBy: 'source_line' },
      keyColumns: ['claim_id'],
      measures: ['paid_amount'],
      batchColumn: 'load_id',
    },
    description:
      'Paid amounts of the staged claims (last line per claim_id) equal those in the fact, claim by claim and in total, to the cent.',
  },
  {
    name: 'warehouse_fresh',
    table: 'etl.load_batch',
    kind: 'freshness',
    severity: 'warn',
    params: {
      column: 'as_of',
      maxAgeDays: 31,
      where: "t.status = 'succeeded'",
      batchColumn: 'load_id',
    },
    description:
      'The newest data loaded (as_of of a succeeded batch, or of the batch being checked) is at most 31 days old: measured against now by npm run dq, against the batch as_of inside a load.',
  },
];
