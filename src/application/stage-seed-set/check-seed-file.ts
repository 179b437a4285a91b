import { SeedFileSpec } from '../../domain/seed-contract';
import { SeedSetFile } from '../../domain/seed-set/seed-set';
import { CsvRecord, CsvTokenizer } from '../../domain/staging/csv-tokenizer';
import { HeaderMapping, mapHeader } from '../../domain/staging/header-mapping';
import { SeedFileError } from '../../domain/staging/seed-file-error';
import { SeedSetSource } from '../ports/seed-set-source.port';

/** A manifest's sha256 that differs from the file's refuses the file. */
export function checkManifestChecksum(file: SeedSetFile): void {
  const declared = file.manifestSha256;
  if (declared !== undefined && declared.toLowerCase() !== file.sha256) {
    throw new SeedFileError(
      { file: file.name },
      `sha256 ${file.sha256} does not match ${declared} declared in manifest.json; the file is refused`,
    );
  }
}

/** The header record of a file, read from its first chunks. */
export async function readHeaderRecord(
  source: SeedSetSource,
  file: SeedSetFile,
): Promise<{ names: string[]; line: number } | undefined> {
  const tokenizer = new CsvTokenizer({ file: file.name });
  let header: { names: string[]; line: number } | undefined;
  const onRecord = (record: CsvRecord): void => {
    if (header) return;
    assertWellFormedHeader(file, record);
    header = { names: record.fieldTexts(), line: record.line };
  };
  // Leaving the loop early closes the file.
  for await (const chunk of source.read(file)) {
    tokenizer.push(chunk, onRecord);
    if (header) return header;
  }
  tokenizer.end(onRecord);
  return header;
}

export function assertWellFormedHeader(file: SeedSetFile, record: CsvRecord): void {
  if (record.unterminatedQuote || record.badQuoteField >= 0 || record.hasNul) {
    throw new SeedFileError(
      { file: file.name, line: record.line },
      'the header line is not well-formed CSV',
    );
  }
}

/**
 * Everything that refuses a file as a whole before a byte is staged: the manifest checksum
 * and the header (empty file, missing required or duplicated columns).
 */
export async function checkSeedFile(
  source: SeedSetSource,
  spec: SeedFileSpec,
  file: SeedSetFile,
): Promise<HeaderMapping> {
  checkManifestChecksum(file);
  const header = await readHeaderRecord(source, file);
  if (!header) throw emptyFileError(file);
  return mapHeader(spec, header.names, header.line);
}

export function emptyFileError(file: SeedSetFile): SeedFileError {
  return new SeedFileError({ file: file.name }, 'the file is empty; a header line is required');
}
