import { QualityRun } from '../quality-run';
import {
  byAttention,
  formatObserved,
  formatSample,
  outcomeOf,
  runTitle,
  summaryLine,
} from './report-format';

/** Text safe inside a Markdown table cell. */
export function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The Markdown report of a run: summary, every check, then details of the findings. */
export function renderQualityMarkdown(run: QualityRun): string {
  const results = byAttention(run.results);
  const findings = results.filter((r) => r.status !== 'pass');
  const lines = [
    `# ${runTitle(run)}`,
    '',
    `Checked at ${run.startedAt.toISOString()}${run.asOf ? `, as of ${run.asOf.toISOString()}` : ''}.`,
    '',
    `**${summaryLine(run)}.**`,
    '',
    '| Result | Check | Severity | Table | Failing | Sample keys |',
    '| --- | --- | --- | --- | ---: | --- |',
    ...results.map(
      (r) =>
        `| ${outcomeOf(r)} | ${markdownCell(r.name)} | ${r.severity} | ${markdownCell(r.table)} | ${r.status === 'error' ? '-' : r.failingCount} | ${markdownCell(formatSample(r.sampleKeys))} |`,
    ),
  ];
  if (findings.length > 0) {
    lines.push('', '## Findings');
    for (const r of findings) {
      lines.push('', `### ${outcomeOf(r)}: ${r.name}`, '', markdownCell(r.description), '');
      lines.push(`- table: \`${r.table}\`, kind: ${r.kind}, severity: ${r.severity}`);
      if (r.status === 'error')
        lines.push(`- could not run: ${markdownCell(r.errorMessage ?? '')}`);
      else lines.push(`- failing: ${r.failingCount}`);
      const observed = formatObserved(r.observed);
      if (observed) lines.push(`- observed: ${markdownCell(observed)}`);
      if (r.sampleKeys.length > 0)
        lines.push(`- sample: ${markdownCell(formatSample(r.sampleKeys))}`);
    }
  }
  if (run.skipped.length > 0) {
    lines.push('', `Skipped without a load batch: ${run.skipped.join(', ')}.`);
  }
  return `${lines.join('\n')}\n`;
}
