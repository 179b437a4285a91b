import { access, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import {
  CsvReadOptions,
  CsvTable,
  PreviousSeedSetReaderPort,
} from '../../application/generate-seed-set/ports/previous-seed-set-reader.port';
import { openCsvTable } from './csv-stream-reader';

/** Reads earlier seed sets from the file system (manifest as JSON, CSVs as record streams). */
export class FsPreviousSeedSetReader implements PreviousSeedSetReaderPort {
  async readManifest(folder: string): Promise<unknown> {
    try {
      return JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as unknown;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  resolve(folder: string, relativePath: string): string {
    return resolve(folder, relativePath);
  }

  relative(from: string, target: string): string {
    return relative(resolve(from), resolve(target)).split('\\').join('/');
  }

  async hasFile(folder: string, file: string): Promise<boolean> {
    try {
      await access(join(folder, file));
      return true;
    } catch {
      return false;
    }
  }

  openCsv(folder: string, file: string, options?: CsvReadOptions): Promise<CsvTable> {
    return openCsvTable(join(folder, file), options);
  }
}
