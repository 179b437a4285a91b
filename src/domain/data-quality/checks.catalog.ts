import { BATCH_CHECKS } from './batch.checks';
import { DIMENSION_CHECKS } from './dimension.checks';
import { FACT_CHECKS } from './fact.checks';
import { QualityCheck } from './quality-check';

/**
 * Every data-quality check of the warehouse, run after the facts of each load batch and by
 * `npm run dq`. docs/data-quality.md lists them (a test keeps the page in step).
 */
export const QUALITY_CHECKS: readonly QualityCheck[] = [
  ...DIMENSION_CHECKS,
  ...FACT_CHECKS,
  ...BATCH_CHECKS,
];
