import { QualityRun } from '../quality-run';
import { byAttention, formatSample, outcomeOf, runTitle, summaryLine } from './report-format';

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

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
  const widths = header.map((h, i) =>
    i === header.length - 1 ? 0 : Math.max(h.length, ...rows.map((row) => row[i]!.length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : pad(cell, widths[i]!, i === 4)))
      .join('  ')
      .trimEnd();
  return [
    `${runTitle(run)}: ${summaryLine(run)}`,
    '',
    line(header),
    ...rows.map(line),
    ...(run.summary.errorFailures.length > 0
      ? ['', `Failed error checks: ${run.summary.errorFailures.join(', ')}`]
      : []),
  ].join('\n');
}
