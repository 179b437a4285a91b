import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { QualityRun } from '../../application/check-quality/quality-run';
import { renderQualityHtml } from '../../application/check-quality/report/quality-report-html';
import { renderQualityMarkdown } from '../../application/check-quality/report/quality-report-markdown';

export interface QualityReportPaths {
  readonly markdown: string;
  readonly html: string;
}

/** Writes `dq-<load_id>.md` and `dq-<load_id>.html` (`dq-none.*` without a batch) into `dir`. */
export async function writeQualityReports(
  dir: string,
  run: QualityRun,
): Promise<QualityReportPaths> {
  const folder = resolve(dir);
  await mkdir(folder, { recursive: true });
  const base = join(folder, `dq-${run.loadId ?? 'none'}`);
  const paths = { markdown: `${base}.md`, html: `${base}.html` };
  await writeFile(paths.markdown, renderQualityMarkdown(run), 'utf8');
  await writeFile(paths.html, renderQualityHtml(run), 'utf8');
  return paths;
}
