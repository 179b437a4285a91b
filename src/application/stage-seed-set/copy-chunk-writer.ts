const DEFAULT_CHUNK_BYTES = 1024 * 1024;

/**
 * Writes COPY input into row-aligned chunks of about `chunkBytes` (the embedded engine runs
 * one COPY statement per chunk, so chunks must never split a row). A row reserves its
 * maximum size first; if that does not fit, the current chunk is closed.
 */
export class CopyChunkWriter {
  private out: Buffer;
  private pos = 0;
  private ready: Buffer[] = [];

  constructor(private readonly chunkBytes = DEFAULT_CHUNK_BYTES) {
    this.out = Buffer.allocUnsafe(chunkBytes);
  }

  /** Makes room for a row of at most `bytes` bytes in the current chunk. */
  reserve(bytes: number): void {
    if (this.pos + bytes <= this.out.length) return;
    if (this.pos > 0) this.ready.push(this.out.subarray(0, this.pos));
    this.out = Buffer.allocUnsafe(Math.max(this.chunkBytes, bytes));
    this.pos = 0;
  }

  byte(value: number): void {
    this.out[this.pos++] = value;
  }

  /** Copies `source[start, end)`; short runs byte by byte (cheaper than a native call). */
  bytes(source: Buffer, start: number, end: number): void {
    const length = end - start;
    if (length > 24) {
      source.copy(this.out, this.pos, start, end);
    } else {
      const out = this.out;
      let pos = this.pos;
      for (let i = start; i < end; i++) out[pos++] = source[i];
    }
    this.pos += length;
  }

  /** A non-negative integer in decimal. */
  uint(value: number): void {
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    let pos = this.pos + digits;
    this.pos = pos;
    let rest = value;
    do {
      this.out[--pos] = 0x30 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
  }

  /** UTF-8 text; the row's reservation must count 3 bytes per UTF-16 unit. */
  text(value: string): void {
    this.pos += this.out.write(value, this.pos, 'utf8');
  }

  /** Chunks completed so far plus the current one; the writer starts a fresh chunk. */
  take(): Buffer[] {
    const chunks = this.ready;
    this.ready = [];
    if (this.pos > 0) {
      chunks.push(this.out.subarray(0, this.pos));
      this.out = Buffer.allocUnsafe(this.chunkBytes);
      this.pos = 0;
    }
    return chunks;
  }
}
