/**
 * Collects encoded CSV records as UTF-8 bytes in a growing buffer. Writing each record into a
 * byte buffer as soon as it is built keeps strings short-lived (a string of millions of
 * concatenated records costs far more to flatten and collect), and the bytes can be handed to
 * another thread without copying (the buffer is never taken from the shared pool).
 */
import { ClaimSink } from './claim-generator';
import { MessyEntry, MessyInjector } from './messy-rows';

export interface EncodedRecords {
  readonly bytes: Uint8Array;
  readonly rows: number;
  readonly messy: readonly MessyEntry[];
}

export class RecordBuffer implements ClaimSink {
  private buffer: Buffer;
  private length = 0;
  private count = 0;

  constructor(
    initialBytes: number,
    private readonly injector?: MessyInjector,
  ) {
    this.buffer = Buffer.allocUnsafeSlow(Math.max(64, initialBytes));
  }

  get rows(): number {
    return this.count;
  }

  writeRecord(line: string): void {
    this.append(line);
    const damaged = this.injector?.after(line, this.count - 1);
    if (damaged !== undefined) this.append(damaged);
  }

  private append(line: string): void {
    const worst = line.length * 3 + 1;
    if (this.length + worst > this.buffer.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.length + worst));
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
    this.length += this.buffer.write(line, this.length);
    this.buffer[this.length++] = 10;
    this.count++;
  }

  output(): EncodedRecords {
    return {
      bytes: this.buffer.subarray(0, this.length),
      rows: this.count,
      messy: this.injector?.entries ?? [],
    };
  }
}
