import { DATA_QUALITY_TABLE_DOCS } from './dq-result.doc';
import { ETL_TABLE_DOCS } from './etl-tables.doc';
import { MART_TABLE_DOCS } from './mart-tables.doc';
import { STAGING_REJECTS_DOC, STAGING_TABLE_DOCS } from './staging-tables.doc';
import { TableDoc } from './table-doc';
import { WAREHOUSE_TABLE_DOCS } from './warehouse-tables.doc';

/**
 * Every documented table and view, in reading order (staging → warehouse → mart → etl).
 * A new list of docs is added here: `npm run docs` renders docs/data-dictionary.md from this
 * index, and a test checks it against the COMMENTs of a migrated database.
 */
export const DATA_DICTIONARY: readonly TableDoc[] = [
  ...STAGING_TABLE_DOCS,
  STAGING_REJECTS_DOC,
  ...WAREHOUSE_TABLE_DOCS,
  ...MART_TABLE_DOCS,
  ...ETL_TABLE_DOCS,
  ...DATA_QUALITY_TABLE_DOCS,
];
