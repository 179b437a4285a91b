import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  centsText,
  csvField,
  csvRecord,
  fixedText,
  parseCents,
  splitCsvRecord,
} from '../../../src/application/generate-seed-set/csv-encoding';
import { openCsvTable } from '../../../src/infrastructure/seed-writer/csv-stream-reader';
import {
  FsSeedSetWriter,
  SeedSetExistsError,
} from '../../../src/infrastructure/seed-writer/fs-seed-set-writer';
import { sha256 } from './support/generated-seed-sets';
import { parseCsv } from './support/rfc4180';

describe('generate: CSV encoding and streaming I/O', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'aca-csv-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('quotes a field only when it holds a comma, a quote or a line break', () => {
    expect(csvField('plain text')).to.equal('plain text');
    expect(csvField("O'Brien")).to.equal("O'Brien");
    expect(csvField('Smith, John MD')).to.equal('"Smith, John MD"');
    expect(csvField('5" tall')).to.equal('"5"" tall"');
    expect(csvField('line\nbreak')).to.equal('"line\nbreak"');
    expect(csvField('cr\rlf')).to.equal('"cr\rlf"');
    expect(csvRecord(['a', 'b,c', ''])).to.equal('a,"b,c",');
  });

  it('formats money from integer cents exactly (no float artefacts)', () => {
    expect(centsText(30)).to.equal('0.30');
    expect(centsText(0)).to.equal('0.00');
    expect(centsText(123456789)).to.equal('1234567.89');
    expect(centsText(10 + 20)).to.equal('0.30');
    expect(() => centsText(0.1 + 0.2)).to.throw(RangeError);
    expect(parseCents('12.5')).to.equal(1250);
    expect(parseCents('0.30')).to.equal(30);
    expect(Number.isNaN(parseCents('1,234.50'))).to.equal(true);
    expect(fixedText(235, 2)).to.equal('2.35');
    expect(fixedText(1234, 3)).to.equal('1.234');
  });

  it('splits records back into fields (round trip with the encoder)', () => {
    const fields = ['x', 'a,b', 'say "hi"', '', 'multi\nline', 'end'];
    expect(splitCsvRecord(csvRecord(fields))).to.deep.equal(fields);
    expect(splitCsvRecord('a,,b,')).to.deep.equal(['a', '', 'b', '']);
    expect(splitCsvRecord('"q",')).to.deep.equal(['q', '']);
  });

  it('streams records with quoted commas, doubled quotes and line breaks, CRLF and a BOM', async () => {
    const path = join(dir, 'odd.csv');
    const body = [
      'id,name,note',
      '1,"Smith, Ann","She said ""hi"""',
      '2,Bob,"two',
      'lines"',
      '3,Cy,',
    ].join('\r\n');
    writeFileSync(path, `\ufeff${body}\r\n`);
    const table = await openCsvTable(path);
    expect(table.header).to.deep.equal(['id', 'name', 'note']);
    const rows: string[][] = [];
    for await (const batch of table.batches()) for (const r of batch) rows.push([...r]);
    expect(rows).to.deep.equal([
      ['1', 'Smith, Ann', 'She said "hi"'],
      ['2', 'Bob', 'two\r\nlines'],
      ['3', 'Cy', ''],
    ]);
    expect(parseCsv(readFileSync(path, 'utf8')).map((r) => r.line)).to.deep.equal([1, 2, 3, 5]);
  });

  it('applies a raw-text pre-filter before splitting (incremental reads pending claims only)', async () => {
    const path = join(dir, 'claims.csv');
    const lines = ['claim_id,status'];
    for (let i = 0; i < 20000; i++) lines.push(`C${i},${i % 10 === 0 ? 'pending' : 'approved'}`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    const table = await openCsvTable(path, { rawFilter: (raw) => raw.endsWith(',pending') });
    let count = 0;
    for await (const batch of table.batches()) count += batch.length;
    expect(count).to.equal(2000);
  });

  it('writes through a staging folder, hashes while writing and refuses to overwrite a seed set', async () => {
    const writer = new FsSeedSetWriter();
    const target = await writer.create(dir, 'set1');
    const sink = await target.openCsv('a.csv', ['x', 'y']);
    sink.writeRecord('1,2');
    sink.writeEncoded(Buffer.from('3,4\n5,6\n'), 2);
    const written = await sink.close();
    await target.writeJson('manifest.json', { ok: true });
    await target.commit();
    expect(readFileSync(join(dir, 'set1', 'a.csv'), 'utf8')).to.equal('x,y\n1,2\n3,4\n5,6\n');
    expect(written.rows).to.equal(3);
    expect(written.sha256).to.equal(sha256(join(dir, 'set1', 'a.csv')));
    let error: unknown;
    try {
      await writer.create(dir, 'set1');
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(SeedSetExistsError);
  });
});
