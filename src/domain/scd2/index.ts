export * from './attr-hash';
export * from './scd2-metadata';
