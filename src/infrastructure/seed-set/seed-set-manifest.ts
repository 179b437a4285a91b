import { SeedKind } from '../../domain/seed-set/seed-set';
import { SeedFileError } from '../../domain/staging/seed-file-error';
import { parseAsOfText } from './as-of-text';

export const MANIFEST_FILE = 'manifest.json';

export interface ManifestFileEntry {
  readonly rows?: number;
  readonly sha256?: string;
}

/** manifest.json of a seed set, validated (see the seed-set contract). */
export interface SeedSetManifest {
  readonly asOf?: Date;
  readonly kind?: SeedKind;
  readonly files: Readonly<Record<string, ManifestFileEntry>>;
}

function fail(detail: string): never {
  throw new SeedFileError({ file: MANIFEST_FILE }, detail);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses and checks manifest.json; any malformed part refuses the seed set. */
export function parseManifest(text: string): SeedSetManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    fail(`is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isRecord(json)) fail('must be a JSON object');

  let asOf: Date | undefined;
  if (json.as_of !== undefined) {
    const parsed = typeof json.as_of === 'string' ? parseAsOfText(json.as_of) : undefined;
    if (!parsed) {
      fail(`as_of must be an ISO 8601 date or timestamp, got ${JSON.stringify(json.as_of)}`);
    }
    asOf = parsed;
  }

  let kind: SeedKind | undefined;
  if (json.kind !== undefined) {
    if (json.kind !== 'full' && json.kind !== 'incremental') {
      fail(`kind must be "full" or "incremental", got ${JSON.stringify(json.kind)}`);
    }
    kind = json.kind;
  }

  const files: Record<string, ManifestFileEntry> = {};
  if (json.files !== undefined) {
    if (!isRecord(json.files)) fail('files must be an object keyed by file name');
    for (const [name, entry] of Object.entries(json.files)) {
      if (!isRecord(entry)) fail(`files["${name}"] must be an object`);
      const { rows, sha256 } = entry;
      if (rows !== undefined && !(Number.isSafeInteger(rows) && (rows as number) >= 0)) {
        fail(`files["${name}"].rows must be a whole number >= 0`);
      }
      if (
        sha256 !== undefined &&
        !(typeof sha256 === 'string' && /^[0-9a-fA-F]{64}$/.test(sha256))
      ) {
        fail(`files["${name}"].sha256 must be 64 hexadecimal digits`);
      }
      files[name] = {
        ...(rows === undefined ? {} : { rows: rows as number }),
        ...(sha256 === undefined ? {} : { sha256: (sha256 as string).toLowerCase() }),
      };
    }
  }
  return { ...(asOf ? { asOf } : {}), ...(kind ? { kind } : {}), files };
}
