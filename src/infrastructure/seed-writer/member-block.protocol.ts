/** Messages between WorkerBlockRunner and its worker threads. */
import { TextPools } from '../../application/generate-seed-set/ports/text-pools.port';
import { FullContextInput } from '../../application/generate-seed-set/model/full-context';
import { BlockOutput } from '../../application/generate-seed-set/model/member-block';
import { EncodedRecords } from '../../application/generate-seed-set/model/record-buffer';

export interface WorkerJob {
  readonly input: FullContextInput;
  readonly pools: TextPools;
  readonly members: number;
  readonly workerIndex: number;
  readonly workers: number;
}

interface EncodedMessage {
  readonly buffer: ArrayBuffer;
  readonly offset: number;
  readonly length: number;
  readonly rows: number;
  readonly messy: EncodedRecords['messy'];
}

export interface BlockMessage {
  readonly block: number;
  readonly members: EncodedMessage;
  readonly enrollments: EncodedMessage;
  readonly claims: EncodedMessage;
  readonly allowedCents: number;
  readonly paidCents: number;
}

function encoded(records: EncodedRecords): EncodedMessage {
  return {
    buffer: records.bytes.buffer as ArrayBuffer,
    offset: records.bytes.byteOffset,
    length: records.bytes.byteLength,
    rows: records.rows,
    messy: records.messy,
  };
}

export function toTransferable(output: BlockOutput): {
  message: BlockMessage;
  transfer: ArrayBuffer[];
} {
  const message: BlockMessage = {
    block: output.block,
    members: encoded(output.members),
    enrollments: encoded(output.enrollments),
    claims: encoded(output.claims),
    allowedCents: output.allowedCents,
    paidCents: output.paidCents,
  };
  return {
    message,
    transfer: [message.members.buffer, message.enrollments.buffer, message.claims.buffer],
  };
}

function decoded(m: EncodedMessage): EncodedRecords {
  return { bytes: new Uint8Array(m.buffer, m.offset, m.length), rows: m.rows, messy: m.messy };
}

export function fromMessage(message: BlockMessage): BlockOutput {
  return {
    block: message.block,
    members: decoded(message.members),
    enrollments: decoded(message.enrollments),
    claims: decoded(message.claims),
    allowedCents: message.allowedCents,
    paidCents: message.paidCents,
  };
}
