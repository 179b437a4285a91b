export * from './quality-check';
export * from './sql-identifier';
export * from './checks.catalog';
