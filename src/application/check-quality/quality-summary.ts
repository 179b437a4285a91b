import { QualityResult } from '../run-pipeline/stage-results';
import { CheckResult } from './quality-run';

/**
 * Counts per outcome. A check that could not run counts as not passed: an `error` check that
 * cannot be verified blocks the batch like one that failed.
 */
export function summarize(results: readonly CheckResult[]): QualityResult {
  const notPassed = results.filter((r) => r.status !== 'pass');
  const errorFailures = notPassed.filter((r) => r.severity === 'error').map((r) => r.name);
  return {
    passed: results.length - notPassed.length,
    warned: notPassed.filter((r) => r.severity === 'warn').length,
    failed: errorFailures.length,
    errorFailures,
  };
}
