export * from './column-spec';
export * from './domains';
export * from './seed-files';
