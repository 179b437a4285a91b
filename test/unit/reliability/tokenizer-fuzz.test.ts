import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SEED_FILES } from '../../../src/domain/seed-contract';
import { CsvRecord, CsvTokenizer } from '../../../src/domain/staging/csv-tokenizer';
import { mapHeader } from '../../../src/domain/staging/header-mapping';
import { RecordTyper } from '../../../src/domain/staging/record-typer';
import { SeedFileError } from '../../../src/domain/staging/seed-file-error';
import { MUTATION_KINDS, mutate, SeededRandom } from '../../support/input-mutations';
import { referenceRecords } from '../../support/reference-csv';

const VALID = resolve(__dirname, '../../fixtures/bad-inputs/valid');
const SEED = 20_251_126;
const ITERATIONS = 400;
const AS_OF = new Date('2025-01-01T00:00:00Z');

interface Seen {
  line: number;
  raw: string;
  fields: string[];
  malformed: boolean;
}

/** Tokenizes `input` cut into random chunks (1 byte up to the whole input). */
function tokenize(input: Buffer, random: SeededRandom): { records: Seen[]; blank: number } {
  const tokenizer = new CsvTokenizer({ file: 'fuzz.csv' });
  const records: Seen[] = [];
  const collect = (r: CsvRecord): void => {
    records.push({
      line: r.line,
      raw: r.buf.subarray(r.start, r.end).toString('latin1'),
      fields: r.fieldTexts(),
      malformed: r.unterminatedQuote || r.badQuoteField >= 0,
    });
  };
  let from = 0;
  while (from < input.length) {
    const size = 1 + random.int(random.next() < 0.5 ? 8 : input.length);
    tokenizer.push(input.subarray(from, from + size), collect);
    from += size;
  }
  tokenizer.end(collect);
  return { records, blank: tokenizer.blankLines };
}

describe('staging tokenizer and typer under randomized inputs (seeded)', () => {
  const bases = SEED_FILES.map((spec) => ({
    spec,
    bytes: readFileSync(join(VALID, spec.file)),
  }));

  it(`agrees with the reference reader on every record and line of ${ITERATIONS} mutated files, cut into random chunks`, () => {
    const random = new SeededRandom(SEED);
    let records = 0;
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const base = bases[iteration % bases.length];
      if (!base) throw new Error('no base file');
      const kind = random.pick(MUTATION_KINDS);
      const { bytes } = mutate(base.bytes, kind, random);
      const where = `seed ${SEED}, iteration ${iteration} (${kind} of ${base.spec.file})`;

      const expected = referenceRecords(bytes);
      const { records: seen } = tokenize(bytes, random);
      expect(
        seen.map((r) => r.line),
        where,
      ).to.deep.equal(expected.map((r) => r.line));
      expect(
        seen.map((r) => r.raw),
        where,
      ).to.deep.equal(expected.map((r) => r.raw.toString('latin1')));
      expect(
        seen.map((r) => r.malformed),
        where,
      ).to.deep.equal(expected.map((r) => r.malformedQuotes));
      seen.forEach((r, i) => {
        if (!r.malformed)
          expect(r.fields, `${where}, line ${r.line}`).to.deep.equal(expected[i]?.fields);
      });
      records += seen.length;

      // The typer must answer every record (typed or rejected with reasons), never throw.
      const [header, ...rows] = expected;
      if (!header) continue;
      let mapping;
      try {
        mapping = mapHeader(base.spec, header.fields, header.line);
      } catch (error) {
        expect(error, where).to.be.instanceOf(SeedFileError);
        continue;
      }
      const typer = new RecordTyper(base.spec, mapping, AS_OF);
      const tokenizer = new CsvTokenizer({ file: base.spec.file });
      let first = true;
      let typed = 0;
      let rejected = 0;
      const onRecord = (record: CsvRecord): void => {
        if (first) {
          first = false;
          return;
        }
        if (typer.type(record)) typed++;
        else {
          expect(typer.issues.length, `${where}, line ${record.line}`).to.be.greaterThan(0);
          rejected++;
        }
      };
      tokenizer.push(bytes, onRecord);
      tokenizer.end(onRecord);
      expect(typed + rejected, where).to.equal(rows.length);
    }
    expect(records).to.be.greaterThan(ITERATIONS * 3);
  });
});
