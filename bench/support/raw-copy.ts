import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { SqlDatabase, SqlSession } from '../../src/application/ports/sql-database.port';
import { BackendCpu, backendPid } from './timed-sql-database';
import { finite, nodeCpuSince, secondsSince } from './timing';

const READ_CHUNK_BYTES = 1024 * 1024;
const QUOTE = 0x22;
const NEWLINE = 0x0a;

export interface RawCopyTiming {
  readonly file: string;
  readonly bytes: number;
  readonly rows: number;
  readonly seconds: number;
  /** CPU seconds of this process (PGlite: the engine's too) and of the PostgreSQL backend. */
  readonly nodeCpuSeconds: number;
  readonly serverCpuSeconds?: number;
}

/** The header line of a CSV file (byte-order mark dropped). */
export async function readHeaderLine(path: string): Promise<string> {
  for await (const chunk of createReadStream(path, { start: 0, end: 64 * 1024 })) {
    const text = (chunk as Buffer).toString('utf8').replace(/^\uFEFF/, '');
    return text.split(/\r?\n/)[0] ?? '';
  }
  return '';
}

/** Fields of the header line (plain names: the contract's headers need no quoting). */
export async function headerFields(path: string): Promise<string[]> {
  return (await readHeaderLine(path)).split(',');
}

/**
 * End (exclusive) of the last complete CSV record in `data`, which starts at a record
 * boundary: the byte after the last newline outside quotes, or 0. Quote parity is enough for
 * RFC 4180 (a doubled quote toggles twice).
 */
export function lastRecordEnd(data: Buffer): number {
  let end = 0;
  let inQuotes = false;
  let pos = 0;
  for (;;) {
    const quote = data.indexOf(QUOTE, pos);
    const stop = quote === -1 ? data.length : quote;
    if (!inQuotes && stop > pos) {
      const newline = data.lastIndexOf(NEWLINE, stop - 1);
      if (newline >= pos) end = newline + 1;
    }
    if (quote === -1) return end;
    inQuotes = !inQuotes;
    pos = quote + 1;
  }
}

/**
 * The file's data lines (header skipped) in chunks that end on record boundaries: the
 * embedded engine runs one COPY per chunk, so a chunk must never split a record.
 */
export async function* recordAlignedChunks(path: string): AsyncGenerator<Buffer> {
  let carry: Buffer = Buffer.alloc(0);
  let headerSkipped = false;
  for await (const piece of createReadStream(path, { highWaterMark: READ_CHUNK_BYTES })) {
    let data = carry.length > 0 ? Buffer.concat([carry, piece as Buffer]) : (piece as Buffer);
    if (!headerSkipped) {
      const newline = data.indexOf(NEWLINE);
      if (newline === -1) {
        carry = data;
        continue;
      }
      data = data.subarray(newline + 1);
      headerSkipped = true;
    }
    const end = lastRecordEnd(data);
    if (end > 0) yield data.subarray(0, end);
    carry = Buffer.from(data.subarray(end));
  }
  if (carry.length > 0) yield carry;
}

/**
 * COPY of the file as is into a new UNLOGGED table `table` of `text` columns (no typing, no
 * checks, no rejects), created in the same transaction so the COPY can use FREEZE like staging
 * does. PostgreSQL reads the file as one stream with HEADER; PGlite takes it in
 * record-aligned chunks. Returns the rows copied; the caller drops the table.
 */
export async function copyRawFile(
  tx: SqlSession,
  engine: SqlDatabase['engine'],
  path: string,
  table: string,
): Promise<number> {
  const columns = (await headerFields(path)).map((_, i) => `c${i + 1}`);
  const list = columns.join(', ');
  await tx.execute(
    `CREATE UNLOGGED TABLE ${table} (${columns.map((c) => `${c} text`).join(', ')})`,
  );
  return engine === 'postgres'
    ? tx.copyFrom(
        `COPY ${table} (${list}) FROM STDIN WITH (FORMAT csv, HEADER true, FREEZE)`,
        createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }),
      )
    : tx.copyFrom(
        `COPY ${table} (${list}) FROM STDIN WITH (FORMAT csv, FREEZE)`,
        recordAlignedChunks(path),
      );
}

/**
 * The physical limit of loading one CSV file: copyRawFile in its own transaction, timed; the
 * table is dropped afterwards.
 */
export async function rawCopyFile(
  db: SqlDatabase,
  path: string,
  table = 'bench_raw_copy',
): Promise<RawCopyTiming> {
  const bytes = (await stat(path)).size;
  await db.execute(`DROP TABLE IF EXISTS ${table}`);
  const server = new BackendCpu();
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const rows = await db.transaction(async (tx) => {
    const pid = await backendPid(tx, db.engine);
    if (pid !== undefined) server.attach(pid);
    const copied = await copyRawFile(tx, db.engine, path, table);
    return copied;
  });
  const serverCpuSeconds = finite(server.lap());
  const seconds = secondsSince(started);
  const nodeCpuSeconds = nodeCpuSince(cpu);
  await db.execute(`DROP TABLE ${table}`);
  return {
    file: basename(path),
    bytes,
    rows,
    seconds,
    nodeCpuSeconds,
    ...(serverCpuSeconds !== undefined ? { serverCpuSeconds } : {}),
  };
}
