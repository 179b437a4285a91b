import { ValueTransformer } from 'typeorm';

/**
 * `bytea` hashes as lowercase hex strings: the embedded engine returns Uint8Array and pg a
 * Buffer, so entities and repositories agree on text.
 */
export const BYTEA_HEX: ValueTransformer = {
  to: (hex: string | null | undefined) =>
    hex === null || hex === undefined ? hex : Buffer.from(hex, 'hex'),
  from: (bytes: Uint8Array | null) => (bytes === null ? null : Buffer.from(bytes).toString('hex')),
};
