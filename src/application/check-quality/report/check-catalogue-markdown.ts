import { QualityCheck } from '../../../domain/data-quality/quality-check';
import { markdownCell } from './quality-report-markdown';

/** What a check's parameters say, in one line (for the docs). */
function parameterSummary(check: QualityCheck): string {
  const list = (xs: readonly string[]): string => xs.join(', ');
  const where =
    'where' in check.params && check.params.where ? `; where ${check.params.where}` : '';
  switch (check.kind) {
    case 'not_null':
      return `columns ${list(check.params.columns)}${where}`;
    case 'unique':
      return `key ${list(check.params.columns)}${where}`;
    case 'relationships':
      return `${list(check.params.columns)} → ${check.params.to.table} (${list(check.params.to.columns)})${where}`;
    case 'accepted_values':
      return `${check.params.column} in ${check.params.values.length <= 8 ? list(check.params.values) : `${check.params.values.length} values`}${where}`;
    case 'row_count':
      return `rows in [${check.params.min ?? 0}, ${check.params.max ?? '∞'}]${where}`;
    case 'reconciliation':
      return check.params.mode === 'file_lines'
        ? `per file: read = staged + rejected = rows in ${check.params.rejectsTable}`
        : `${check.params.source.table} ↔ table by ${list(check.params.keyColumns)}${check.params.measures.length > 0 ? `, measures ${list(check.params.measures)}` : ''}`;
    case 'scd2_integrity':
      return `natural key ${list(check.params.naturalKey)}`;
    case 'expression':
      return `${check.params.predicate.replace(/\s+/g, ' ')}${where}`;
    case 'freshness':
      return `max(${check.params.column}) within ${check.params.maxAgeDays} days${where}`;
  }
}

/** The catalogue as a Markdown table, one row per check, in catalogue order. */
export function renderCheckCatalogueMarkdown(checks: readonly QualityCheck[]): string {
  return [
    '| Check | Table | Kind | Severity | Parameters | What it guards |',
    '| --- | --- | --- | --- | --- | --- |',
    ...checks.map(
      (c) =>
        `| \`${c.name}\` | ${c.table} | ${c.kind} | ${c.severity} | ${markdownCell(parameterSummary(c))} | ${markdownCell(c.description)} |`,
    ),
  ].join('\n');
}
