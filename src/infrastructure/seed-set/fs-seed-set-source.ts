import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { injectable } from 'tsyringe';
import { SeedSetSource } from '../../application/ports/seed-set-source.port';
import { SEED_FILES, SeedFileSpec } from '../../domain/seed-contract';
import { AsOfSource, SeedSet, SeedSetFile } from '../../domain/seed-set/seed-set';
import { SeedFileError } from '../../domain/staging/seed-file-error';
import { parseAsOfText } from './as-of-text';
import { MANIFEST_FILE, parseManifest, SeedSetManifest } from './seed-set-manifest';

/** Large reads keep the per-chunk overhead of tokenizing and COPY small. */
const READ_CHUNK_BYTES = 1024 * 1024;

/** Seed sets as folders on the local file system. */
@injectable()
export class FsSeedSetSource implements SeedSetSource {
  async open(folder: string, options: { asOf?: Date } = {}): Promise<SeedSet> {
    const root = resolve(folder);
    if (!(await isDirectory(root))) {
      throw new SeedFileError({ file: root }, 'the seed set folder does not exist');
    }
    const manifest = await readManifest(root);
    const missing: SeedFileSpec[] = [];
    for (const spec of SEED_FILES) if (!(await isFile(join(root, spec.file)))) missing.push(spec);
    if (missing.length > 0) {
      const others = missing.slice(1).map((s) => s.file);
      throw new SeedFileError(
        { file: missing[0]?.file ?? '' },
        `not found in the seed set folder ${root}${others.length > 0 ? ` (also missing: ${others.join(', ')})` : ''}`,
      );
    }
    const files = await Promise.all(
      SEED_FILES.map((spec) => describeSeedFile(join(root, spec.file), spec, manifest)),
    );
    const { asOf, asOfSource } = resolveAsOf(root, manifest, options.asOf, new Date());
    return { folder: root, asOf, asOfSource, kind: manifest?.kind ?? 'full', files };
  }

  async listSeedSets(parent: string): Promise<string[]> {
    const root = resolve(parent);
    const entries = await readdir(root, { withFileTypes: true });
    const now = new Date();
    const found: Array<{ folder: string; name: string; asOf: number }> = [];
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      const folder = join(root, entry.name);
      const hasMembers = await isFile(join(folder, 'members.csv'));
      if (!hasMembers && !(await isFile(join(folder, MANIFEST_FILE)))) continue;
      const { asOf } = resolveAsOf(folder, await readManifest(folder), undefined, now);
      found.push({ folder, name: entry.name, asOf: asOf.getTime() });
    }
    found.sort((a, b) => a.asOf - b.asOf || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return found.map((f) => f.folder);
  }

  async *read(file: SeedSetFile): AsyncIterable<Buffer> {
    const hash = createHash('sha256');
    let bytes = 0;
    try {
      for await (const chunk of createReadStream(file.path, { highWaterMark: READ_CHUNK_BYTES })) {
        const buffer = chunk as Buffer;
        hash.update(buffer);
        bytes += buffer.length;
        yield buffer;
      }
    } catch (error) {
      if (error instanceof SeedFileError) throw error;
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new SeedFileError({ file: file.name }, `cannot be read (${code})`);
    }
    // What was staged must be what open() checksummed (the batch records those checksums).
    const sha256 = hash.digest('hex');
    if (bytes !== file.bytes || sha256 !== file.sha256) {
      throw new SeedFileError(
        { file: file.name },
        'changed on disk while the seed set was loading (size or sha256 differs from when it was opened)',
      );
    }
  }
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function readManifest(folder: string): Promise<SeedSetManifest | undefined> {
  const path = join(folder, MANIFEST_FILE);
  if (!(await isFile(path))) return undefined;
  return parseManifest(await readFile(path, 'utf8'));
}

/** A seed file's size and sha256 (streamed), with what the manifest declares about it. */
export async function describeSeedFile(
  path: string,
  spec: SeedFileSpec,
  manifest?: SeedSetManifest,
): Promise<SeedSetFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK_BYTES })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  const declared = manifest?.files[spec.file];
  return {
    entity: spec.entity,
    name: spec.file,
    path,
    bytes,
    sha256: hash.digest('hex'),
    ...(declared?.rows === undefined ? {} : { manifestRows: declared.rows }),
    ...(declared?.sha256 === undefined ? {} : { manifestSha256: declared.sha256 }),
  };
}

/** The contract's order: manifest, then the --as-of argument, then a timestamp folder name, then now. */
function resolveAsOf(
  folder: string,
  manifest: SeedSetManifest | undefined,
  argument: Date | undefined,
  now: Date,
): { asOf: Date; asOfSource: AsOfSource } {
  if (manifest?.asOf) return { asOf: manifest.asOf, asOfSource: 'manifest' };
  if (argument) return { asOf: argument, asOfSource: 'argument' };
  const fromName = parseAsOfText(basename(folder));
  if (fromName) return { asOf: fromName, asOfSource: 'folder-name' };
  return { asOf: now, asOfSource: 'load-time' };
}
