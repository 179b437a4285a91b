/**
 * Seeded mutations of valid seed files, for the randomized loader tests: every run with the
 * same seed mutates the same bytes, so a failure names a reproducible (seed, iteration).
 */

/** mulberry32: a tiny 32-bit PRNG; good enough to pick bytes and positions. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

/**
 * Bytes that matter to a CSV reader or to PostgreSQL, and the rest of the byte range:
 * delimiters, quotes, line ends, NUL, a backslash and dot (COPY's end marker), bytes that
 * start or continue UTF-8 sequences, and plain letters and digits.
 */
const INTERESTING_BYTES = [
  0x22, 0x2c, 0x0a, 0x0d, 0x00, 0x5c, 0x2e, 0x20, 0x09, 0x2d, 0x2b, 0x65, 0x30, 0x39, 0xc3, 0xa9,
  0xe2, 0x80, 0xff, 0xfe, 0xef, 0xbb, 0xbf,
];

/**
 * Values that sit on the edges of the contract's types, put in place of a field: the loader's
 * typer must agree with PostgreSQL's input functions on each (accept what COPY accepts, reject
 * the rest), or a COPY fails mid-batch.
 */
export const EDGE_VALUES = [
  '1e-99999',
  '9999.995e-1',
  '999999999999.995',
  '999999999999.994',
  '0e999999',
  '+.5',
  '5.',
  '-0',
  '1E+2',
  '1e',
  '.',
  '-',
  'NaN',
  'Infinity',
  '2147483648',
  '-2147483648',
  '0001-01-01',
  '9999-12-31',
  '2024-02-29',
  '2023-02-29',
  '2024-13-01',
  ' t ',
  'Y',
  'on',
  '"quoted, with comma"',
  '"line\nbreak"',
  '"\\."',
  '\\N',
  '"a""b"',
  'x"y',
  "Robert'); DROP TABLE members;--",
  '',
  '   ',
  '\u00e9\u4e2d\u{1f600}',
];

export type MutationKind =
  | 'flip-bytes'
  | 'truncate'
  | 'shuffle-lines'
  | 'duplicate-lines'
  | 'drop-lines'
  | 'insert-garbage'
  | 'edge-value'
  | 'quote-fields'
  | 'line-endings';

export const MUTATION_KINDS: readonly MutationKind[] = [
  'flip-bytes',
  'truncate',
  'shuffle-lines',
  'duplicate-lines',
  'drop-lines',
  'insert-garbage',
  'edge-value',
  'quote-fields',
  'line-endings',
];

export interface Mutation {
  readonly kind: MutationKind;
  readonly bytes: Buffer;
}

/** Applies one mutation of `kind` to a copy of `input`. */
export function mutate(input: Buffer, kind: MutationKind, random: SeededRandom): Mutation {
  return { kind, bytes: MUTATORS[kind](input, random) };
}

/** Splits into lines that keep their terminators (a line break inside quotes splits too). */
function splitLines(input: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < input.length; i++) {
    if (input[i] === 0x0a) {
      lines.push(input.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < input.length) lines.push(input.subarray(start));
  return lines;
}

const MUTATORS: Readonly<Record<MutationKind, (input: Buffer, random: SeededRandom) => Buffer>> = {
  'flip-bytes': (input, random) => {
    const out = Buffer.from(input);
    const flips = 1 + random.int(6);
    for (let i = 0; i < flips && out.length > 0; i++) {
      out[random.int(out.length)] =
        random.next() < 0.7 ? random.pick(INTERESTING_BYTES) : random.int(256);
    }
    return out;
  },
  truncate: (input, random) => Buffer.from(input.subarray(0, random.int(input.length + 1))),
  'shuffle-lines': (input, random) => {
    const lines = splitLines(input);
    // Mostly keep the header first (to reach the rows); sometimes shuffle it in too.
    const head = random.next() < 0.8 ? lines.splice(0, 1) : [];
    for (let i = lines.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [lines[i], lines[j]] = [lines[j] as Buffer, lines[i] as Buffer];
    }
    return Buffer.concat([...head, ...lines]);
  },
  'duplicate-lines': (input, random) => {
    const lines = splitLines(input);
    const copies = 1 + random.int(3);
    for (let i = 0; i < copies && lines.length > 1; i++) {
      const line = lines[1 + random.int(lines.length - 1)] as Buffer;
      lines.splice(1 + random.int(lines.length), 0, line);
    }
    return Buffer.concat(lines);
  },
  'drop-lines': (input, random) => {
    const lines = splitLines(input);
    const drops = 1 + random.int(2);
    for (let i = 0; i < drops && lines.length > 1; i++) lines.splice(random.int(lines.length), 1);
    return Buffer.concat(lines);
  },
  'insert-garbage': (input, random) => {
    const at = random.int(input.length + 1);
    const garbage = Buffer.alloc(1 + random.int(40));
    for (let i = 0; i < garbage.length; i++) {
      garbage[i] = random.next() < 0.5 ? random.pick(INTERESTING_BYTES) : random.int(256);
    }
    return Buffer.concat([input.subarray(0, at), garbage, input.subarray(at)]);
  },
  'edge-value': (input, random) => {
    // Replace a field of a data row (between two commas, or a line's last field).
    const lines = splitLines(input);
    if (lines.length < 2) return Buffer.from(input);
    const index = 1 + random.int(lines.length - 1);
    const text = (lines[index] as Buffer).toString('utf8');
    const ending = /\r?\n$/.exec(text)?.[0] ?? '';
    const fields = text.slice(0, text.length - ending.length).split(',');
    fields[random.int(fields.length)] = random.pick(EDGE_VALUES);
    lines[index] = Buffer.from(`${fields.join(',')}${ending}`, 'utf8');
    return Buffer.concat(lines);
  },
  'quote-fields': (input, random) => {
    // Quote some fields (a last field too), as a writer that quotes everything would.
    const lines = splitLines(input);
    for (let index = 0; index < lines.length; index++) {
      if (random.next() < 0.5) continue;
      const text = (lines[index] as Buffer).toString('utf8');
      const ending = /\r?\n$/.exec(text)?.[0] ?? '';
      const fields = text.slice(0, text.length - ending.length).split(',');
      const quoted = fields.map((f) => (random.next() < 0.4 ? `"${f.replace(/"/g, '""')}"` : f));
      lines[index] = Buffer.from(`${quoted.join(',')}${ending}`, 'utf8');
    }
    return Buffer.concat(lines);
  },
  'line-endings': (input, random) => {
    // Another mutation, then CRLF or old-Mac CR line ends, so that quotes and garbage meet them.
    const then = random.pick(MUTATION_KINDS.filter((k) => k !== 'line-endings'));
    const mutated = MUTATORS[then](input, random);
    const ending = random.next() < 0.5 ? '\r\n' : '\r';
    return Buffer.from(mutated.toString('latin1').replace(/\r?\n/g, ending), 'latin1');
  },
};
