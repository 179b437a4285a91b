import { expect } from 'chai';
import { SeedFileError } from '../../../src/domain/staging/seed-file-error';
import { parseAsOfText } from '../../../src/infrastructure/seed-set/as-of-text';
import { parseManifest } from '../../../src/infrastructure/seed-set/seed-set-manifest';

const iso = (text: string): string | undefined => parseAsOfText(text)?.toISOString();

describe('parseAsOfText (timestamp folder names and manifest as_of)', () => {
  it('reads compact timestamps as UTC', () => {
    expect(iso('20250101')).to.equal('2025-01-01T00:00:00.000Z');
    expect(iso('202501011230')).to.equal('2025-01-01T12:30:00.000Z');
    expect(iso('20250101123045')).to.equal('2025-01-01T12:30:45.000Z');
    expect(iso('20250101T000000Z')).to.equal('2025-01-01T00:00:00.000Z');
    expect(iso('20250101T0930Z')).to.equal('2025-01-01T09:30:00.000Z');
  });

  it('reads ISO dates and timestamps, with or without an offset', () => {
    expect(iso('2025-01-01')).to.equal('2025-01-01T00:00:00.000Z');
    expect(iso('2025-01-01T00:00:00Z')).to.equal('2025-01-01T00:00:00.000Z');
    expect(iso('2025-01-01T06:30:00')).to.equal('2025-01-01T06:30:00.000Z');
    expect(iso('2025-01-01T06:30:00.25Z')).to.equal('2025-01-01T06:30:00.250Z');
    expect(iso('2025-01-01T06:30:00+01:00')).to.equal('2025-01-01T05:30:00.000Z');
    expect(iso('2025-01-01T06-30-00Z')).to.equal('2025-01-01T06:30:00.000Z');
  });

  it('refuses names that are not real timestamps', () => {
    for (const name of [
      'peer-seeds',
      '2025',
      '20251301',
      '20250230',
      '2025-02-30',
      '2025-01-01T25:00',
      'x20250101',
    ]) {
      expect(iso(name), name).to.equal(undefined);
    }
  });
});

describe('parseManifest', () => {
  const sha = 'ab'.repeat(32);

  it('reads as_of, kind and per-file rows and sha256', () => {
    const manifest = parseManifest(
      JSON.stringify({
        as_of: '2025-01-01T00:00:00Z',
        kind: 'incremental',
        files: { 'claims.csv': { rows: 3, sha256: sha.toUpperCase() }, 'members.csv': {} },
      }),
    );
    expect(manifest).to.deep.equal({
      asOf: new Date('2025-01-01T00:00:00Z'),
      kind: 'incremental',
      files: { 'claims.csv': { rows: 3, sha256: sha }, 'members.csv': {} },
    });
  });

  it('allows every part to be absent', () => {
    expect(parseManifest('{}')).to.deep.equal({ files: {} });
  });

  it('refuses malformed manifests with a message naming the part', () => {
    const cases: Array<[string, string]> = [
      ['not json', 'manifest.json: is not valid JSON'],
      ['[]', 'manifest.json: must be a JSON object'],
      [
        '{"as_of": "yesterday"}',
        'manifest.json: as_of must be an ISO 8601 date or timestamp, got "yesterday"',
      ],
      ['{"kind": "delta"}', 'manifest.json: kind must be "full" or "incremental", got "delta"'],
      ['{"files": []}', 'manifest.json: files must be an object keyed by file name'],
      [
        '{"files": {"claims.csv": {"rows": -1}}}',
        'manifest.json: files["claims.csv"].rows must be a whole number >= 0',
      ],
      [
        '{"files": {"claims.csv": {"rows": 1.5}}}',
        'manifest.json: files["claims.csv"].rows must be a whole number >= 0',
      ],
      [
        '{"files": {"claims.csv": {"sha256": "abc"}}}',
        'manifest.json: files["claims.csv"].sha256 must be 64 hexadecimal digits',
      ],
    ];
    for (const [text, message] of cases) {
      expect(() => parseManifest(text), text)
        .to.throw(SeedFileError)
        .with.property('message')
        .that.satisfies((m: string) => m.startsWith(message));
    }
  });
});
