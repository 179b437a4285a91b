import { CheckResult, QualityRun } from '../quality-run';

export type Outcome = 'ok' | 'WARN' | 'FAIL' | 'ERROR';

/** ok; WARN (a warn check failed); FAIL (an error check failed); ERROR (the check could not run). */
export function outcomeOf(result: CheckResult): Outcome {
  if (result.status === 'error') return 'ERROR';
  if (result.status === 'pass') return 'ok';
  return result.severity === 'error' ? 'FAIL' : 'WARN';
}

/** Worst first, then catalogue order: what needs attention leads the report. */
export function byAttention(results: readonly CheckResult[]): CheckResult[] {
  const rank: Record<Outcome, number> = { FAIL: 0, ERROR: 1, WARN: 2, ok: 3 };
  return results
    .map((result, index) => ({ result, index }))
    .sort((a, b) => rank[outcomeOf(a.result)] - rank[outcomeOf(b.result)] || a.index - b.index)
    .map((x) => x.result);
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatValue).join('+');
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `member_id=M1; member_id=M2`: each sampled key as its columns. */
export function formatSample(sample: CheckResult['sampleKeys'], max = Infinity): string {
  const shown = sample.slice(0, max).map((key) =>
    Object.entries(key)
      .map(([column, value]) => `${column}=${formatValue(value)}`)
      .join(', '),
  );
  return shown.join('; ') + (sample.length > max ? '; …' : '');
}

/** `row_count=0, min=1`: the measured figures, nested objects as JSON. */
export function formatObserved(observed: CheckResult['observed']): string {
  if (!observed) return '';
  return Object.entries(observed)
    .filter(([, value]) => value !== null)
    .map(([key, value]) => `${key}=${formatValue(value)}`)
    .join(', ');
}

export function runTitle(run: QualityRun): string {
  return run.loadId === null ? 'Data quality (no load batch)' : `Data quality, load ${run.loadId}`;
}

export function summaryLine(run: QualityRun): string {
  const s = run.summary;
  const parts = [
    `${run.results.length} checks`,
    `${s.passed} passed`,
    `${s.warned} warned`,
    `${s.failed} failed`,
  ];
  if (run.skipped.length > 0) parts.push(`${run.skipped.length} skipped (no batch)`);
  return parts.join(', ');
}
