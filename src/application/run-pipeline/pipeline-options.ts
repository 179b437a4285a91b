import { LoadMode } from './batch-context';

/** The stages of a batch in the order they run; each needs the ones before it. */
export const PIPELINE_STAGES = ['stage', 'dimensions', 'facts', 'quality', 'marts'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

export interface PipelineOptions {
  readonly mode: LoadMode;
  /** full: one seed set folder; incremental: a folder of seed sets (or one seed set). */
  readonly source: string;
  /** as_of for seed sets without a manifest or timestamped folder name. */
  readonly asOf?: Date;
  /** A prefix of PIPELINE_STAGES; default all. */
  readonly stages?: readonly PipelineStage[];
  /** Rebuild the warehouse from scratch first. */
  readonly reset?: boolean;
  /** Wait for a concurrent run instead of failing. */
  readonly wait?: boolean;
}

/** Validates `--stages`: a non-empty prefix of the stage order, since each stage feeds the next. */
export function parseStages(list: string | undefined): PipelineStage[] {
  if (list === undefined || list.trim() === '') return [...PIPELINE_STAGES];
  const asked = list.split(',').map((s) => s.trim().toLowerCase());
  for (const name of asked) {
    if (!(PIPELINE_STAGES as readonly string[]).includes(name)) {
      throw new Error(`Unknown stage '${name}'; stages are ${PIPELINE_STAGES.join(', ')}`);
    }
  }
  const prefix = PIPELINE_STAGES.slice(0, asked.length);
  if (prefix.some((s, i) => s !== asked[i])) {
    throw new Error(
      `--stages must be a prefix of ${PIPELINE_STAGES.join(',')} (each stage needs the ones before it); got ${asked.join(',')}`,
    );
  }
  return prefix;
}
