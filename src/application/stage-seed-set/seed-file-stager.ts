import { SeedFileSpec } from '../../domain/seed-contract';
import { SeedSetFile } from '../../domain/seed-set/seed-set';
import { CsvRecord, CsvTokenizer } from '../../domain/staging/csv-tokenizer';
import { mapHeader } from '../../domain/staging/header-mapping';
import { RecordTyper } from '../../domain/staging/record-typer';
import { SeedFileError } from '../../domain/staging/seed-file-error';
import { Logger } from '../ports/logger.port';
import { SeedSetSource } from '../ports/seed-set-source.port';
import { SqlSession } from '../ports/sql-database.port';
import { FileStageCounts } from '../run-pipeline/stage-results';
import { assertWellFormedHeader, checkManifestChecksum, emptyFileError } from './check-seed-file';
import { CopyChunkWriter } from './copy-chunk-writer';
import { stagingCopyError } from './copy-error';
import { RejectBuffer } from './reject-buffer';
import { StagingRowEncoder } from './staging-row-encoder';
import {
  copyStagingSql,
  COPY_REJECTS_SQL,
  duplicateCountsSql,
  DuplicateCountsRow,
} from './staging-sql';

export interface SeedFileStagerDeps {
  readonly tx: SqlSession;
  readonly source: SeedSetSource;
  readonly logger: Logger;
  readonly loadId: number;
  readonly asOf: Date;
}

/** What the header of a file says, read before anything is staged. */
interface OpenedFile {
  readonly typer: RecordTyper;
  readonly encoder: StagingRowEncoder;
}

/**
 * Stages one seed file: streams its bytes through the tokenizer and the typer, COPYs typed
 * records into staging.<entity> and failing ones into staging.rejects, then counts
 * duplicates and reconciles read = staged + rejected. Memory stays flat: one input chunk,
 * one output chunk and a bounded reject buffer at a time. The staging table must have been
 * truncated earlier in the same transaction (the COPY uses FREEZE, which requires it).
 */
export class SeedFileStager {
  private readonly tokenizer: CsvTokenizer;
  private readonly writer = new CopyChunkWriter();
  private readonly rejects: RejectBuffer;
  private input: AsyncIterator<Buffer> | undefined;
  private opened: OpenedFile | undefined;
  private exhausted = false;
  private read = 0;

  constructor(
    private readonly spec: SeedFileSpec,
    private readonly file: SeedSetFile,
    private readonly deps: SeedFileStagerDeps,
  ) {
    this.tokenizer = new CsvTokenizer({ file: file.name });
    this.rejects = new RejectBuffer(deps.loadId, file.name);
  }

  async stage(): Promise<FileStageCounts> {
    const { tx, logger } = this.deps;
    checkManifestChecksum(this.file);
    this.input = this.deps.source.read(this.file)[Symbol.asyncIterator]();
    let staged = 0;
    let rejected = 0;
    try {
      const { typer, encoder } = await this.readHeader();
      if (typer.header.unknown.length > 0) {
        logger.warn('columns the seed-set contract does not name are kept in extra', {
          file: this.file.name,
          columns: typer.header.unknown,
        });
      }
      const copySql = copyStagingSql(this.spec, encoder.columns);
      do {
        staged += await tx.copyFrom(copySql, this.stagedChunks()).catch((error: unknown) => {
          throw stagingCopyError(this.file.name, `staging.${this.spec.entity}`, error);
        });
        if (this.rejects.count > 0) {
          rejected += await tx
            .copyFrom(COPY_REJECTS_SQL, single(this.rejects.drain()))
            .catch((error: unknown) => {
              throw stagingCopyError(this.file.name, 'staging.rejects', error);
            });
        }
      } while (!this.exhausted);
    } finally {
      // Close the file early (header error, failed COPY) without hiding the original error.
      if (!this.exhausted) await Promise.resolve(this.input.return?.()).catch(() => undefined);
    }

    if (this.file.manifestRows !== undefined && this.read !== this.file.manifestRows) {
      throw new SeedFileError(
        { file: this.file.name },
        `manifest.json declares ${this.file.manifestRows} rows, the file has ${this.read}; the file is refused`,
      );
    }
    if (this.read !== staged + rejected) {
      throw new Error(
        `${this.file.name}: rows do not reconcile: read ${this.read} != staged ${staged} + rejected ${rejected}`,
      );
    }
    const [dup] = await tx.query<DuplicateCountsRow & Record<string, unknown>>(
      duplicateCountsSql(this.spec),
      [this.deps.loadId],
    );
    const counts: FileStageCounts = {
      file: this.file.name,
      sha256: this.file.sha256,
      bytes: this.file.bytes,
      read: this.read,
      staged,
      rejected,
      duplicates: dup?.duplicates ?? 0,
      conflicts: dup?.conflicts ?? 0,
      unknownColumns: this.opened?.typer.header.unknown ?? [],
    };
    this.report(counts, dup?.conflict_keys ?? []);
    return counts;
  }

  /** Reads until the header is parsed; data records read along with it wait in the writer. */
  private async readHeader(): Promise<OpenedFile> {
    while (!this.opened && !this.exhausted) await this.pull();
    if (!this.opened) throw emptyFileError(this.file);
    return this.opened;
  }

  /** Staging rows until the file ends or the reject buffer must be flushed first. */
  private async *stagedChunks(): AsyncGenerator<Buffer> {
    for (;;) {
      for (const chunk of this.writer.take()) yield chunk;
      if (this.exhausted || this.rejects.full) return;
      await this.pull();
    }
  }

  private async pull(): Promise<void> {
    const input = this.input;
    if (!input) throw new Error('pull before the input was opened');
    const next = await input.next();
    if (next.done) {
      this.exhausted = true;
      this.tokenizer.end(this.onRecord);
    } else {
      this.tokenizer.push(next.value, this.onRecord);
    }
  }

  private readonly onRecord = (record: CsvRecord): void => {
    const opened = this.opened;
    if (!opened) {
      this.opened = this.openHeader(record);
      return;
    }
    this.read++;
    if (opened.typer.type(record)) opened.encoder.write(record);
    else this.rejects.add(record, opened.typer.issues);
  };

  private openHeader(record: CsvRecord): OpenedFile {
    assertWellFormedHeader(this.file, record);
    const header = mapHeader(this.spec, record.fieldTexts(), record.line);
    const typer = new RecordTyper(this.spec, header, this.deps.asOf);
    return { typer, encoder: new StagingRowEncoder(this.deps.loadId, typer, this.writer) };
  }

  private report(counts: FileStageCounts, conflictKeys: readonly string[]): void {
    const { logger } = this.deps;
    const typer = this.opened?.typer;
    logger.info('file staged', {
      file: counts.file,
      read: counts.read,
      staged: counts.staged,
      rejected: counts.rejected,
      duplicates: counts.duplicates,
      conflicts: counts.conflicts,
    });
    if (counts.rejected > 0) {
      logger.warn('rows rejected into staging.rejects', {
        file: counts.file,
        rejected: counts.rejected,
        by_column: Object.fromEntries(this.rejects.byColumn),
      });
    }
    if (counts.conflicts > 0) {
      logger.warn(
        'rows with the same natural key and different values; the last in the file wins',
        {
          file: counts.file,
          conflicts: counts.conflicts,
          natural_key: this.spec.naturalKey,
          sample_keys: conflictKeys,
        },
      );
    }
    const blankLines = this.tokenizer.blankLines;
    if (blankLines > 0 || (typer && (typer.respelledValues > 0 || typer.trimmedValues > 0))) {
      logger.info('input normalized while staging', {
        file: counts.file,
        blank_lines_skipped: blankLines,
        values_respelled_to_contract_spelling: typer?.respelledValues ?? 0,
        values_trimmed: typer?.trimmedValues ?? 0,
      });
    }
  }
}

async function* single(chunk: Buffer): AsyncGenerator<Buffer> {
  yield chunk;
}
