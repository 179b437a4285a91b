/**
 * Collects encoded CSV records as UTF-8 bytes in a growing buffer. Records are written into
 * bytes as soon as they are built: short-lived strings for most files, and for claims (the
 * bulk of the data) byte by byte from pre-encoded fragments and digits, with no string at
 * all. The collected bytes are handed to the file sink, or to another thread without copying
 * (the buffer is never taken from Node's shared pool).
 */
import { MessyEntry, MessyInjector } from './messy-rows';

export interface EncodedRecords {
  readonly bytes: Uint8Array;
  readonly rows: number;
  readonly messy: readonly MessyEntry[];
}

const COMMA = 44;
const NEWLINE = 10;
const ZERO = 48;
const DOT = 46;

const encoder = new TextEncoder();
const EMPTY = Buffer.alloc(0);

/** UTF-8 bytes of a fragment written many times (ids, dates, descriptor text). */
export function bytesOf(text: string): Uint8Array {
  return encoder.encode(text);
}

export class RecordBuffer {
  private buffer: Buffer;
  private length = 0;
  private count = 0;
  private recordStart = 0;

  constructor(
    private readonly initialBytes: number,
    private readonly injector?: MessyInjector,
  ) {
    this.buffer = Buffer.allocUnsafeSlow(Math.max(256, initialBytes));
  }

  get rows(): number {
    return this.count;
  }

  get byteLength(): number {
    return this.length;
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const size = Math.max(this.buffer.length * 2, this.length + extra, this.initialBytes);
    const bigger = Buffer.allocUnsafeSlow(size);
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }

  /** Writes one record given as text (and the damaged copy messy mode may add). */
  writeRecord(line: string): void {
    this.append(line);
    this.afterRecord(line);
  }

  private append(line: string): void {
    this.ensure(line.length * 3 + 1);
    this.length += this.buffer.write(line, this.length);
    this.buffer[this.length++] = NEWLINE;
    this.count++;
  }

  private afterRecord(line?: string): void {
    if (!this.injector) return;
    const start = this.recordStart;
    const end = this.length - 1;
    const damaged = this.injector.after(
      line ?? (() => this.buffer.toString('utf8', start, end)),
      this.count - 1,
    );
    if (damaged !== undefined) this.append(damaged);
    this.recordStart = this.length;
  }

  // Byte-level writing of one record: begin, fields, end.

  begin(capacity: number): void {
    this.ensure(capacity);
    this.recordStart = this.length;
  }

  raw(bytes: Uint8Array): void {
    const n = bytes.length;
    if (n > 24) {
      this.ensure(n);
      this.buffer.set(bytes, this.length);
      this.length += n;
      return;
    }
    const b = this.buffer;
    let at = this.length;
    for (let i = 0; i < n; i++) b[at++] = bytes[i];
    this.length = at;
  }

  comma(): void {
    this.buffer[this.length++] = COMMA;
  }

  /** A non-negative integer in decimal. */
  uint(n: number): void {
    const b = this.buffer;
    if (n < 10) {
      b[this.length++] = ZERO + n;
      return;
    }
    let digits = 1;
    for (let t = n; t >= 10; t = Math.floor(t / 10)) digits++;
    let at = this.length + digits;
    this.length = at;
    for (let t = n; digits > 0; digits--) {
      const q = Math.floor(t / 10);
      b[--at] = ZERO + (t - q * 10);
      t = q;
    }
  }

  /** An integer zero-padded to at least four digits (claim sequence numbers). */
  pad4(n: number): void {
    if (n >= 10000) return this.uint(n);
    const b = this.buffer;
    b[this.length++] = ZERO + Math.floor(n / 1000);
    b[this.length++] = ZERO + (Math.floor(n / 100) % 10);
    b[this.length++] = ZERO + (Math.floor(n / 10) % 10);
    b[this.length++] = ZERO + (n % 10);
  }

  /** Integer cents as a decimal with exactly two places. */
  cents(cents: number): void {
    const whole = Math.floor(cents / 100);
    const rest = cents - whole * 100;
    this.uint(whole);
    const b = this.buffer;
    b[this.length++] = DOT;
    b[this.length++] = ZERO + Math.floor(rest / 10);
    b[this.length++] = ZERO + (rest % 10);
  }

  end(): void {
    this.ensure(1);
    this.buffer[this.length++] = NEWLINE;
    this.count++;
    this.afterRecord();
  }

  /** The records so far; the buffer starts afresh. */
  take(): EncodedRecords {
    const messy = this.injector ? this.injector.entries.splice(0) : [];
    const out: EncodedRecords = {
      bytes: this.buffer.subarray(0, this.length),
      rows: this.count,
      messy,
    };
    // The bytes now belong to the caller; the next write allocates a new buffer.
    this.buffer = EMPTY;
    this.length = 0;
    this.count = 0;
    this.recordStart = 0;
    return out;
  }
}
