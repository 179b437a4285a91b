import { CreateSchemas1764115200000 } from './1764115200000-create-schemas';

/** Every migration in order; the data-source factory registers this list. */
export const MIGRATIONS = [CreateSchemas1764115200000];
