import { renderTextTable } from '../reporting/text-table';
import {
  DimensionsResult,
  FactsResult,
  FileStageCounts,
  MartsResult,
  QualityResult,
} from './stage-results';

/** What one batch did, for the summary table and the CLI's exit code. */
export interface BatchReport {
  readonly loadId: number | null;
  readonly source: string;
  readonly asOf: Date;
  readonly status: 'succeeded' | 'failed' | 'skipped';
  readonly error?: string;
  readonly files: readonly FileStageCounts[];
  readonly dimensions?: DimensionsResult;
  readonly facts?: FactsResult;
  readonly quality?: QualityResult;
  readonly marts?: MartsResult;
  /** Seconds per stage that ran. */
  readonly seconds: Readonly<Record<string, number>>;
}

export interface PipelineReport {
  readonly batches: readonly BatchReport[];
}

export function pipelineSucceeded(report: PipelineReport): boolean {
  return report.batches.every((b) => b.status !== 'failed');
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** The end-of-run summary table, one line per batch. */
export function renderSummary(report: PipelineReport): string {
  const header = [
    'load_id',
    'as_of',
    'status',
    'staged',
    'rejected',
    'versions',
    'facts ins',
    'facts upd',
    'checks ok',
    'warned',
    'failed',
    'seconds',
  ];
  const rows = report.batches.map((b) => [
    b.loadId === null ? '-' : String(b.loadId),
    b.asOf.toISOString().slice(0, 19) + 'Z',
    b.status,
    String(sum(b.files.map((f) => f.staged))),
    String(sum(b.files.map((f) => f.rejected))),
    b.dimensions ? String(sum(b.dimensions.dimensions.map((d) => d.newKeys + d.changed))) : '-',
    b.facts ? String(b.facts.claimsInserted) : '-',
    b.facts ? String(b.facts.claimsUpdated) : '-',
    b.quality ? String(b.quality.passed) : '-',
    b.quality ? String(b.quality.warned) : '-',
    b.quality ? String(b.quality.failed) : '-',
    sum(Object.values(b.seconds)).toFixed(1),
  ]);
  const out = [renderTextTable(header, rows, { rightAligned: (i) => i >= 3 })];
  for (const b of report.batches) {
    if (b.error) out.push(`batch ${b.loadId ?? '-'} (${b.source}): ${b.error}`);
  }
  return out.join('\n');
}
