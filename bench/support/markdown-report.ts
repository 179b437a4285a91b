import { BenchResult, StageFigure } from './bench-result';

function table(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  right: number,
): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const rule = header.map((_, i) => (i >= right ? '---:' : '---'));
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const secs = (n: number): string => n.toFixed(n < 10 ? 2 : 1);

function cpu(s: StageFigure): string {
  return s.serverCpuSeconds === undefined
    ? secs(s.nodeCpuSeconds)
    : `${secs(s.nodeCpuSeconds)} + ${secs(s.serverCpuSeconds)}`;
}

function stageRow(s: StageFigure): string[] {
  return [
    s.batch,
    s.stage,
    secs(s.seconds),
    int(s.rows),
    s.rowsPerSecond > 0 ? int(s.rowsPerSecond) : '',
    s.limit ? secs(s.limit.seconds) : '',
    s.ratio !== undefined ? `${s.ratio.toFixed(2)}×` : '',
    cpu(s),
    s.cpuRatio !== undefined ? `${s.cpuRatio.toFixed(2)}×` : '',
    String(s.peakRssMB),
    s.loadAverage.toFixed(1),
  ];
}

const STAGE_HEADER = [
  'batch',
  'stage',
  'seconds',
  'rows',
  'rows/s',
  'limit s',
  'ratio',
  'CPU s (Node + server)',
  'CPU ratio',
  'peak RSS MB',
  'load',
];

/** The result as Markdown: machine and scale, then a table per engine, cube latency, targets. */
export function renderMarkdown(result: BenchResult): string {
  const m = result.machine;
  const out: string[] = [];
  out.push(
    `## Benchmark: ${int(result.scale.members)} members, ${int(result.scale.rows.full['claims.csv'] ?? 0)} claims ` +
      `(+ incremental: ${int(result.scale.rows.incremental['members.csv'] ?? 0)} members, ` +
      `${int(result.scale.rows.incremental['claims.csv'] ?? 0)} claims)`,
    '',
    `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, ` +
      `${m.versions.postgres ? `${m.versions.postgres}, ` : ''}PGlite ${m.versions.pglite}; ` +
      `load average ${m.loadAverageStart.join(' ')} at start, ${m.loadAverageEnd.join(' ')} at end. ` +
      `${result.startedAt}`,
    '',
    'ratio: seconds / the limit measured in the same run on the same data (raw COPY of the files ' +
      'for staging, a plain INSERT … SELECT of the written rows for facts). CPU ratio: the same ' +
      'with CPU seconds of Node plus the PostgreSQL backend (PGlite: Node alone, the engine runs ' +
      'in it), steadier than wall time when other jobs share the machine. Peak RSS: the Node ' +
      'process during the step (PGlite: engine included).',
    '',
  );
  out.push('### Generation', '', table(STAGE_HEADER, result.generate.map(stageRow), 2), '');
  for (const engine of result.engines) {
    out.push(
      `### ${engine.info.version}`,
      '',
      table(STAGE_HEADER, engine.stages.map(stageRow), 2),
      '',
    );
    const merges = engine.stages
      .filter((s) => s.stage === 'dimensions')
      .map((s) => {
        const seconds = (s.details?.mergeSeconds ?? {}) as Record<string, number>;
        return `${s.batch}: ${Object.entries(seconds)
          .map(([d, v]) => `${d} ${secs(v)} s`)
          .join(', ')}`;
      });
    out.push(`SCD2 merges — ${merges.join('; ')}.`, '');
    out.push(
      table(
        ['cube query', 'answered from', 'rows', 'p50 ms', 'p95 ms'],
        [
          ...engine.cube.queries.map((q) => [
            q.name,
            q.source,
            int(q.rows),
            q.p50Ms.toFixed(1),
            q.p95Ms.toFixed(1),
          ]),
          ['all queries', '', '', engine.cube.p50Ms.toFixed(1), engine.cube.p95Ms.toFixed(1)],
        ],
        2,
      ),
      '',
    );
  }
  for (const skipped of result.skippedEngines) {
    out.push(`${skipped.engine} not run: ${skipped.reason}`, '');
  }
  out.push(
    '### Targets',
    '',
    table(
      ['target', 'engine', 'goal', 'measured', 'met'],
      result.targets.map((t) => [
        t.name,
        t.engine ?? '',
        t.target,
        t.measured,
        t.met === null ? 'n/a at this scale' : t.met ? 'yes' : '**no**',
      ]),
      5,
    ),
    '',
    `Peak RSS of the whole run: ${result.peakRssMB} MB.`,
  );
  return out.join('\n');
}
