export * from './table-doc';
export * from './staging-tables.doc';
export * from './etl-tables.doc';
export * from './warehouse-tables.doc';
export * from './dq-result.doc';
export * from './mart-tables.doc';
export * from './data-dictionary';
