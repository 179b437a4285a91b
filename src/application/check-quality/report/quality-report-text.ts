import { renderTextTable } from '../../reporting/text-table';
import { QualityRun } from '../quality-run';
import { byAttention, formatSample, outcomeOf, runTitle, summaryLine } from './report-format';

/** A fixed-width table for the terminal, checks needing attention first. */
export function renderQualityText(run: QualityRun): string {
  const rows = byAttention(run.results).map((r) => [
    outcomeOf(r),
    r.severity,
    r.name,
    r.table,
    r.status === 'error' ? '-' : String(r.failingCount),
    r.status === 'error' ? (r.errorMessage ?? '') : formatSample(r.sampleKeys, 3),
  ]);
  const header = ['RESULT', 'SEVERITY', 'CHECK', 'TABLE', 'FAILING', 'SAMPLE / ERROR'];
  return [
    `${runTitle(run)}: ${summaryLine(run)}`,
    '',
    renderTextTable(header, rows, { rightAligned: (i) => i === 4, rule: false }),
    ...(run.summary.errorFailures.length > 0
      ? ['', `Failed error checks: ${run.summary.errorFailures.join(', ')}`]
      : []),
  ].join('\n');
}
