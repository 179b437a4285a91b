import { GenerateSeedSetService } from '../../application/generate-seed-set/generate-seed-set.service';
import { GeneratorProgressPort } from '../../application/generate-seed-set/ports/generator-progress.port';
import { FakerTextPools } from './faker-text-pools';
import { FsPreviousSeedSetReader } from './fs-previous-seed-set-reader';
import { FsSeedSetWriter } from './fs-seed-set-writer';
import { WorkerBlockRunner } from './worker-block-runner';

/** The generator wired to the file system; `workers` > 1 writes member blocks in worker threads. */
export function createGenerateSeedSetService(
  options: { workers?: number; progress?: GeneratorProgressPort } = {},
): GenerateSeedSetService {
  const workers = options.workers ?? 1;
  return new GenerateSeedSetService({
    writer: new FsSeedSetWriter(),
    reader: new FsPreviousSeedSetReader(),
    textPools: new FakerTextPools(),
    ...(options.progress ? { progress: options.progress } : {}),
    ...(workers > 1 ? { blockRunner: new WorkerBlockRunner(workers) } : {}),
  });
}
