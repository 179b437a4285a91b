/**
 * Child process of generateSeeds: generates the full and the incremental seed set, timing
 * each with its peak RSS (worker threads included), and sends the figures to the parent.
 */
import 'reflect-metadata';
import { GenerateResult } from '../../src/application/generate-seed-set/generate-seed-set.service';
import { createGenerateSeedSetService } from '../../src/infrastructure/seed-writer/generate-seed-set.factory';
import { StageFigure } from './bench-result';
import { fullOptions, GenerateRequest, GeneratedSeeds, incrementalOptions } from './generate-seeds';
import { loadAverage } from './machine';
import { RssSampler } from './rss-sampler';
import { nodeCpuSince, round, secondsSince } from './timing';

const MB = 1e6;

async function generate(request: GenerateRequest): Promise<GeneratedSeeds> {
  const generator = createGenerateSeedSetService({ workers: request.scale.workers });
  const rss = new RssSampler();
  rss.start();
  const figures: StageFigure[] = [];
  const timed = async (stage: string, run: () => Promise<GenerateResult>) => {
    rss.segment();
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    const result = await run();
    const seconds = secondsSince(started);
    const rows = result.files.reduce((n, f) => n + f.rows, 0);
    figures.push({
      batch: 'seed',
      stage,
      seconds: round(seconds),
      rows,
      rowsMean: 'rows written (5 files)',
      rowsPerSecond: Math.round(rows / seconds),
      peakRssMB: Math.round(rss.segment() / MB),
      nodeCpuSeconds: round(nodeCpuSince(cpu), 2),
      loadAverage: loadAverage()[0],
      details: {
        files: Object.fromEntries(
          result.files.map((f) => [f.file, { rows: f.rows, bytes: f.bytes }]),
        ),
      },
    });
    return result;
  };
  const full = await timed('generate full', () =>
    generator.run(fullOptions(request.scale, request.outDir)),
  );
  const incremental = await timed('generate incremental', () =>
    generator.run(incrementalOptions(full.folder, request.outDir)),
  );
  rss.stop();
  return { seeds: { full, incremental }, figures };
}

process.once('message', (request: GenerateRequest) => {
  const answer = (message: object): void => {
    process.send?.(message, () => process.disconnect());
  };
  generate(request)
    .then((result) => answer({ ok: true, result }))
    .catch((error: unknown) =>
      answer({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
});
