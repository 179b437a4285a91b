import { AppConfig } from '../config/app-config';

/** Which engine a data source talks to. */
export type DatabaseTarget =
  | { readonly kind: 'postgres'; readonly url: string }
  /** `dataDir` undefined = in memory (tests). */
  | { readonly kind: 'pglite'; readonly dataDir?: string };

export function targetFromConfig(config: AppConfig): DatabaseTarget {
  return config.DATABASE_URL
    ? { kind: 'postgres', url: config.DATABASE_URL }
    : { kind: 'pglite', dataDir: config.PGLITE_DATA_DIR };
}
