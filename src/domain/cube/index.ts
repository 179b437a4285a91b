export * from './cube-dimensions';
export * from './cube-measures';
export * from './grouping-sets';
export * from './cube-catalog';
export * from './cube-query';
