import { expect } from 'chai';
import {
  CsvRecord,
  CsvTokenizer,
  FIELD_BARE_QUOTE,
  FIELD_DOUBLED_QUOTES,
  FIELD_QUOTED,
  tokenizeCsv,
} from '../../../src/domain/staging/csv-tokenizer';
import { SeedFileError } from '../../../src/domain/staging/seed-file-error';

interface Seen {
  line: number;
  fields: string[];
  flags: number[];
  raw: string;
  nonAscii: boolean;
  hasNul: boolean;
  badQuoteField: number;
  unterminatedQuote: boolean;
}

function snapshot(r: CsvRecord): Seen {
  return {
    line: r.line,
    fields: r.fieldTexts(),
    flags: Array.from(r.flags.subarray(0, r.count)),
    raw: r.rawText(),
    nonAscii: r.nonAscii,
    hasNul: r.hasNul,
    badQuoteField: r.badQuoteField,
    unterminatedQuote: r.unterminatedQuote,
  };
}

/** Feeds `input` cut at the given byte offsets. */
function tokenizeInChunks(
  input: Buffer,
  cuts: readonly number[],
): { records: Seen[]; blank: number } {
  const tokenizer = new CsvTokenizer({ file: 't.csv' });
  const records: Seen[] = [];
  const collect = (r: CsvRecord): void => {
    records.push(snapshot(r));
  };
  let from = 0;
  for (const cut of [...cuts, input.length]) {
    tokenizer.push(input.subarray(from, cut), collect);
    from = cut;
  }
  tokenizer.end(collect);
  return { records, blank: tokenizer.blankLines };
}

const lines = (input: string): Array<[number, string[]]> =>
  tokenizeCsv(input).map((r) => [r.line, r.fields]);

describe('CsvTokenizer', () => {
  it('splits plain records and numbers them by physical line (header = line 1)', () => {
    expect(lines('a,b,c\n1,2,3\n4,5,6\n')).to.deep.equal([
      [1, ['a', 'b', 'c']],
      [2, ['1', '2', '3']],
      [3, ['4', '5', '6']],
    ]);
  });

  it('reads a last record that has no line terminator', () => {
    expect(lines('a,b\n1,2')).to.deep.equal([
      [1, ['a', 'b']],
      [2, ['1', '2']],
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(lines('a,,c,\n,,,\n')).to.deep.equal([
      [1, ['a', '', 'c', '']],
      [2, ['', '', '', '']],
    ]);
  });

  it('unquotes fields holding commas, doubled quotes and line breaks', () => {
    const input = 'id,note\n1,"Smith, ""Jr."" said\nhello\r\nagain"\n2,"x"\n';
    const { records } = tokenizeInChunks(Buffer.from(input), []);
    expect(records.map((r) => [r.line, r.fields])).to.deep.equal([
      [1, ['id', 'note']],
      [2, ['1', 'Smith, "Jr." said\nhello\r\nagain']],
      [5, ['2', 'x']],
    ]);
    expect(records[1]?.flags).to.deep.equal([0, FIELD_QUOTED | FIELD_DOUBLED_QUOTES]);
    expect(records[1]?.raw).to.equal('1,"Smith, ""Jr."" said\nhello\r\nagain"');
    expect(records[2]?.flags).to.deep.equal([0, FIELD_QUOTED]);
  });

  it('skips a UTF-8 byte-order mark at the start only', () => {
    const input = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('member_id,x\n\uFEFFa,b\n'),
    ]);
    const { records } = tokenizeInChunks(input, []);
    expect(records.map((r) => r.fields)).to.deep.equal([
      ['member_id', 'x'],
      ['\uFEFFa', 'b'],
    ]);
  });

  it('accepts CRLF and lone CR line ends', () => {
    expect(lines('a,b\r\n1,2\r\n3,4\r5,6\r')).to.deep.equal([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [3, ['3', '4']],
      [4, ['5', '6']],
    ]);
  });

  it('skips blank lines, counts them and keeps line numbers physical', () => {
    const { records, blank } = tokenizeInChunks(Buffer.from('a,b\n\n1,2\r\n\r\n3,4\n\n'), []);
    expect(records.map((r) => [r.line, r.fields])).to.deep.equal([
      [1, ['a', 'b']],
      [3, ['1', '2']],
      [5, ['3', '4']],
    ]);
    expect(blank).to.equal(3);
  });

  it('keeps a quote inside an unquoted field literally and flags it', () => {
    const { records } = tokenizeInChunks(Buffer.from('a,b\n5" disk,x\n'), []);
    expect(records[1]?.fields).to.deep.equal(['5" disk', 'x']);
    expect(records[1]?.flags).to.deep.equal([FIELD_BARE_QUOTE, 0]);
  });

  it('flags text after a closing quote and resynchronizes at the next delimiter', () => {
    const { records } = tokenizeInChunks(Buffer.from('a,b,c\n"ab"cd,x,y\n1,2,3\n'), []);
    expect(records[1]?.badQuoteField).to.equal(0);
    expect(records[1]?.fields.slice(1)).to.deep.equal(['x', 'y']);
    expect(records[2]).to.include({ line: 3, badQuoteField: -1 });
  });

  it('flags a quote left open at the end of the input', () => {
    const { records } = tokenizeInChunks(Buffer.from('a,b\n1,"open\n2,3\n'), []);
    expect(records).to.have.length(2);
    expect(records[1]).to.include({ line: 2, unterminatedQuote: true });
    expect(records[1]?.fields).to.deep.equal(['1', 'open\n2,3\n']);
  });

  it('flags non-ASCII bytes and NUL bytes per record', () => {
    const { records } = tokenizeInChunks(Buffer.from('a,b\nJosé,1\nx\0y,2\nplain,3\n'), []);
    expect(records.map((r) => [r.nonAscii, r.hasNul])).to.deep.equal([
      [false, false],
      [true, false],
      [false, true],
      [false, false],
    ]);
  });

  it('gives the same records wherever the input is cut into chunks', () => {
    const input = Buffer.from(
      '\uFEFFid,name,note\r\n' +
        '1,Zoë,"multi\nline, ""quoted"""\r\n' +
        '\r\n' +
        '2,Ann,plain\r' +
        '3,"",""\n' +
        '4,Bob,"ends with CR\r"\n' +
        '5,"a""b",5" x\n' +
        '6,last,no newline',
    );
    const whole = tokenizeInChunks(input, []);
    expect(whole.records.map((r) => r.line)).to.deep.equal([1, 2, 5, 6, 7, 9, 10]);
    for (let cut = 1; cut < input.length; cut++) {
      expect(tokenizeInChunks(input, [cut]), `cut at ${cut}`).to.deep.equal(whole);
    }
    const everyByte = Array.from({ length: input.length - 1 }, (_, i) => i + 1);
    expect(tokenizeInChunks(input, everyByte)).to.deep.equal(whole);
  });

  it('handles records longer than the bridge between chunks', () => {
    const long = 'x'.repeat(200_000);
    const input = Buffer.from(`a,b\n1,${long}\n2,"${long}\n${long}"\n3,z\n`);
    const cuts = [10, 100_000, 250_000, 300_001, 450_000];
    const { records } = tokenizeInChunks(input, cuts);
    expect(records.map((r) => [r.line, r.fields[1]?.length])).to.deep.equal([
      [1, 1],
      [2, 200_000],
      [3, 400_001],
      [5, 1],
    ]);
  });

  it('fails a record longer than the limit, naming the file and the line it starts on', () => {
    const tokenizer = new CsvTokenizer({ file: 'claims.csv', maxRecordBytes: 1000 });
    const noop = (): void => undefined;
    tokenizer.push(Buffer.from('a,b\n1,2\n3,"never closed'), noop);
    let error: unknown;
    try {
      tokenizer.push(Buffer.from('y'.repeat(2000)), noop);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(SeedFileError);
    expect((error as SeedFileError).message).to.equal(
      'claims.csv, line 3: record is longer than 1000 bytes; is a quoted field left open?',
    );
    expect((error as SeedFileError).line).to.equal(3);
  });

  it('returns nothing for empty input and only the header for a header-only file', () => {
    expect(tokenizeCsv('')).to.deep.equal([]);
    expect(tokenizeCsv('\uFEFF')).to.deep.equal([]);
    expect(lines('a,b\r\n')).to.deep.equal([[1, ['a', 'b']]]);
  });
});
