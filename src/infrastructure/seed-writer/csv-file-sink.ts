import { createHash, Hash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, WriteStream } from 'node:fs';
import { basename } from 'node:path';
import {
  SeedFileSink,
  WrittenFile,
} from '../../application/generate-seed-set/ports/seed-set-writer.port';

/** Characters buffered before they are encoded, hashed and handed to the stream. */
const FLUSH_CHARS = 1 << 18;

/**
 * A CSV file written through a buffered fs write stream: records are appended to a string
 * buffer, flushed in large chunks that are hashed (sha256) and written; when the stream's
 * buffer is full `needsDrain` turns true and the caller awaits `drain()`. Memory stays at the
 * buffer plus the stream's high-water mark whatever the file size.
 */
export class CsvFileSink implements SeedFileSink {
  readonly file: string;
  private rowCount = 0;
  private bytes = 0;
  private buffer = '';
  private readonly hash: Hash = createHash('sha256');
  private readonly stream: WriteStream;
  private blocked = false;
  private failure: Error | undefined;
  private readonly started = process.hrtime.bigint();

  constructor(path: string, header: readonly string[]) {
    this.file = basename(path);
    this.stream = createWriteStream(path, { highWaterMark: 1 << 20 });
    this.stream.on('error', (err) => {
      this.failure = err;
    });
    this.buffer = `${header.join(',')}\n`;
  }

  get rows(): number {
    return this.rowCount;
  }

  get needsDrain(): boolean {
    return this.blocked;
  }

  writeRecord(encodedRecord: string): void {
    this.buffer += encodedRecord;
    this.buffer += '\n';
    this.rowCount++;
    if (this.buffer.length >= FLUSH_CHARS) this.flush();
  }

  writeEncoded(bytes: Uint8Array, rows: number): void {
    if (bytes.length === 0) return;
    this.rowCount += rows;
    this.flush();
    this.pushBytes(bytes);
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    const text = this.buffer;
    this.buffer = '';
    this.push(text);
  }

  private push(text: string): void {
    this.pushBytes(Buffer.from(text, 'utf8'));
  }

  private pushBytes(chunk: Uint8Array): void {
    if (this.failure) throw this.failure;
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (!this.stream.write(chunk)) this.blocked = true;
  }

  async drain(): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.blocked) return;
    await once(this.stream, 'drain');
    this.blocked = false;
  }

  async close(): Promise<WrittenFile> {
    this.flush();
    if (this.failure) throw this.failure;
    this.stream.end();
    await once(this.stream, 'finish');
    if (this.failure) throw this.failure;
    return {
      file: this.file,
      rows: this.rowCount,
      bytes: this.bytes,
      sha256: this.hash.digest('hex'),
      seconds: Number(process.hrtime.bigint() - this.started) / 1e9,
    };
  }
}
