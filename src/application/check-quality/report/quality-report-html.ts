import { QualityRun } from '../quality-run';
import {
  byAttention,
  formatObserved,
  formatSample,
  Outcome,
  outcomeOf,
  runTitle,
  summaryLine,
} from './report-format';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const OUTCOME_CLASS: Record<Outcome, string> = {
  ok: 'ok',
  WARN: 'warn',
  FAIL: 'fail',
  ERROR: 'error',
};

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
  table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
  th, td { border: 1px solid #ccc; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
  th { background: #f3f3f3; }
  td.num { text-align: right; }
  tr.fail td:first-child { background: #f8d0d0; font-weight: bold; }
  tr.error td:first-child { background: #f0c0f0; font-weight: bold; }
  tr.warn td:first-child { background: #fbeec0; }
  tr.ok td:first-child { color: #2a7a2a; }
  .details { color: #555; font-size: 0.8rem; }`;

/** A self-contained HTML page of the run (no scripts, no external assets). */
export function renderQualityHtml(run: QualityRun): string {
  const rows = byAttention(run.results).map((r) => {
    const outcome = outcomeOf(r);
    const details = [
      escapeHtml(r.description),
      r.status === 'error' ? `could not run: ${escapeHtml(r.errorMessage ?? '')}` : '',
      r.observed ? `observed: ${escapeHtml(formatObserved(r.observed))}` : '',
    ].filter((d) => d !== '');
    return `    <tr class="${OUTCOME_CLASS[outcome]}">
      <td>${outcome}</td>
      <td>${escapeHtml(r.name)}<div class="details">${details.join('<br>')}</div></td>
      <td>${r.severity}</td>
      <td>${escapeHtml(r.table)}</td>
      <td class="num">${r.status === 'error' ? '-' : r.failingCount}</td>
      <td>${escapeHtml(formatSample(r.sampleKeys))}</td>
    </tr>`;
  });
  const title = escapeHtml(runTitle(run));
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${title}</title>
  <style>${STYLE}
  </style>
</head>
<body>
  <h1>${title}</h1>
  <p>Checked at ${run.startedAt.toISOString()}${run.asOf ? `, as of ${run.asOf.toISOString()}` : ''}.</p>
  <p><strong>${escapeHtml(summaryLine(run))}.</strong></p>
  <table>
    <thead>
      <tr><th>Result</th><th>Check</th><th>Severity</th><th>Table</th><th>Failing</th><th>Sample keys</th></tr>
    </thead>
    <tbody>
${rows.join('\n')}
    </tbody>
  </table>${run.skipped.length > 0 ? `\n  <p>Skipped without a load batch: ${escapeHtml(run.skipped.join(', '))}.</p>` : ''}
</body>
</html>
`;
}
