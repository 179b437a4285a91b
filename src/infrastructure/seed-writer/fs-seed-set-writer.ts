import { mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  SeedFileSink,
  SeedSetTarget,
  SeedSetWriterPort,
} from '../../application/generate-seed-set/ports/seed-set-writer.port';
import { CsvFileSink } from './csv-file-sink';

export class SeedSetExistsError extends Error {
  constructor(path: string) {
    super(
      `Seed set folder ${path} already exists and is not empty; choose another --out or --as-of`,
    );
    this.name = 'SeedSetExistsError';
  }
}

async function isMissingOrEmpty(path: string): Promise<boolean> {
  try {
    return (await readdir(path)).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

/**
 * Writes a seed set into a hidden staging folder beside its final place and renames it into
 * place on commit, so a loader scanning the output folder never sees a half-written set.
 */
export class FsSeedSetWriter implements SeedSetWriterPort {
  async create(outDir: string, folderName: string): Promise<SeedSetTarget> {
    const path = resolve(outDir, folderName);
    if (!(await isMissingOrEmpty(path))) throw new SeedSetExistsError(path);
    const staging = resolve(outDir, `.${folderName}.partial-${process.pid}`);
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    return new FsSeedSetTarget(path, staging);
  }
}

class FsSeedSetTarget implements SeedSetTarget {
  private readonly sinks: SeedFileSink[] = [];

  constructor(
    readonly path: string,
    private readonly staging: string,
  ) {}

  async openCsv(file: string, header: readonly string[]): Promise<SeedFileSink> {
    const sink = new CsvFileSink(join(this.staging, file), header);
    this.sinks.push(sink);
    return sink;
  }

  async writeJson(file: string, value: unknown): Promise<void> {
    await writeFile(join(this.staging, file), `${JSON.stringify(value, null, 2)}\n`, 'utf8');
  }

  async commit(): Promise<void> {
    if (!(await isMissingOrEmpty(this.path))) throw new SeedSetExistsError(this.path);
    await rmdir(this.path).catch(() => undefined);
    await rename(this.staging, this.path);
  }

  async abort(): Promise<void> {
    await Promise.allSettled(this.sinks.map((s) => s.close()));
    await rm(this.staging, { recursive: true, force: true });
  }
}
