/**
 * Child process of generateSeeds: generates one seed set, timing it with its peak RSS (worker
 * threads included), and sends the figure to the parent. One process per seed set, as with
 * `npm run generate`, so a run's memory never carries over into the next one's peak.
 */
import 'reflect-metadata';
import { createGenerateSeedSetService } from '../../src/infrastructure/seed-writer/generate-seed-set.factory';
import type { StageFigure } from './bench-result';
import {
  fullOptions,
  GenerateRequest,
  GeneratedSeedSet,
  incrementalOptions,
} from './generate-seeds';
import { loadAverage } from './machine';
import { RssSampler } from './rss-sampler';
import { nodeCpuSince, round, secondsSince } from './timing';

const MB = 1e6;

async function generate(request: GenerateRequest): Promise<GeneratedSeedSet> {
  const generator = createGenerateSeedSetService({ workers: request.scale.workers });
  const rss = new RssSampler();
  rss.start();
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await generator.run(
    request.from === undefined
      ? fullOptions(request.scale, request.outDir)
      : incrementalOptions(request.from, request.outDir),
  );
  const seconds = secondsSince(started);
  const peak = rss.stop();
  const rows = result.files.reduce((n, f) => n + f.rows, 0);
  const figure: StageFigure = {
    batch: 'seed',
    stage: request.from === undefined ? 'generate full' : 'generate incremental',
    seconds: round(seconds),
    rows,
    rowsMean: 'rows written (5 files)',
    rowsPerSecond: Math.round(rows / seconds),
    peakRssMB: Math.round(peak / MB),
    nodeCpuSeconds: round(nodeCpuSince(cpu), 2),
    loadAverage: loadAverage()[0],
    details: {
      workers: request.from === undefined ? request.scale.workers : 1,
      files: Object.fromEntries(
        result.files.map((f) => [f.file, { rows: f.rows, bytes: f.bytes }]),
      ),
    },
  };
  return { result, figure };
}

process.once('message', (request: GenerateRequest) => {
  const answer = (message: object): void => {
    process.send?.(message, () => process.disconnect());
  };
  generate(request)
    .then((generated) => answer({ ok: true, generated }))
    .catch((error: unknown) =>
      answer({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
});
