import { BenchResult, StageFigure, TargetCheck } from './bench-result';

/** The scale the time targets are set for (1M members, about 10M claims, PostgreSQL). */
export const TARGET_MEMBERS = 1_000_000;
const MAX_RSS_MB = 500;

/**
 * Hand-written SQL reference of the same pipeline steps on this machine (full batch, no
 * generation), by members: what the whole-pipeline figure is compared with.
 */
export const SQL_REFERENCE_SECONDS: Readonly<Record<number, number>> = {
  100_000: 28,
  1_000_000: 184,
};

function find(
  stages: readonly StageFigure[],
  batch: string,
  stage: string,
): StageFigure | undefined {
  return stages.find((s) => s.batch === batch && s.stage === stage);
}

const seconds = (s: number): string => `${s.toFixed(1)} s`;

/** The wall ratio, with the CPU ratio when known. */
function withCpu(s: StageFigure): string {
  const wall = `${(s.ratio ?? NaN).toFixed(2)}×`;
  return s.cpuRatio === undefined ? wall : `${wall} (CPU ${s.cpuRatio.toFixed(2)}×)`;
}

/**
 * The issue's targets checked against a result. Ratios and memory apply at every scale; the
 * time targets only at 1M members on PostgreSQL (null elsewhere).
 */
export function checkTargets(result: Omit<BenchResult, 'targets' | 'finishedAt'>): TargetCheck[] {
  const atScale = result.scale.members === TARGET_MEMBERS;
  const checks: TargetCheck[] = [];
  const generate = find(result.generate, 'seed', 'generate full');
  if (generate) {
    checks.push({
      name: 'generator: full seed set',
      target: '< 60 s at 1M members / 10M claims',
      measured: seconds(generate.seconds),
      met: atScale ? generate.seconds < 60 : null,
    });
  }
  const generatePeak = Math.max(...result.generate.map((g) => g.peakRssMB));
  checks.push({
    name: 'generator: peak RSS',
    target: `< ${MAX_RSS_MB} MB`,
    measured: `${generatePeak} MB`,
    met: generatePeak < MAX_RSS_MB,
  });
  for (const engine of result.engines) {
    const on = { engine: engine.engine };
    const timed = atScale && engine.engine === 'postgres';
    for (const batch of ['full', 'incremental']) {
      const stage = find(engine.stages, batch, 'stage');
      if (stage?.ratio !== undefined) {
        checks.push({
          ...on,
          name: `staging / raw COPY (${batch})`,
          target: '≤ 2×',
          measured: withCpu(stage),
          met: stage.ratio <= 2,
        });
      }
      const merge = find(engine.stages, batch, 'dimensions')?.details?.mergeSeconds as
        Record<string, number> | undefined;
      if (merge?.dim_member !== undefined) {
        checks.push({
          ...on,
          name: `SCD2 merge of dim_member (${batch})`,
          target: '< 16 s at 1M members',
          measured: seconds(merge.dim_member),
          met: timed ? merge.dim_member < 16 : null,
        });
      }
    }
    const facts = find(engine.stages, 'full', 'facts');
    if (facts?.ratio !== undefined) {
      checks.push({
        ...on,
        name: 'fact load / plain INSERT … SELECT (full)',
        target: '≤ 2×',
        measured: withCpu(facts),
        met: facts.ratio <= 2,
      });
    }
    const pipeline = find(engine.stages, 'full', 'pipeline');
    if (pipeline) {
      const reference = SQL_REFERENCE_SECONDS[result.scale.members];
      checks.push({
        ...on,
        name: 'whole pipeline, full batch (no generation)',
        target: `< 300 s at 1M members${reference ? ` (hand-written SQL reference: ${reference} s)` : ''}`,
        measured: seconds(pipeline.seconds),
        met: timed ? pipeline.seconds < 300 : null,
      });
    }
    checks.push({
      ...on,
      name:
        engine.engine === 'pglite'
          ? 'Node peak RSS (includes the embedded engine)'
          : 'Node peak RSS',
      target: `< ${MAX_RSS_MB} MB`,
      measured: `${engine.peakRssMB} MB`,
      met: engine.peakRssMB < MAX_RSS_MB,
    });
  }
  return checks;
}
