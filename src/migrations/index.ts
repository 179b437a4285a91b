import { CreateSchemas1764115200000 } from './1764115200000-create-schemas';
import { CreateStagingAndEtl1764115300000 } from './1764115300000-create-staging-and-etl';
import { CreateDimensions1764115400000 } from './1764115400000-create-dimensions';
import { CreateFacts1764115500000 } from './1764115500000-create-facts';
import { CreateDqResult1764115600000 } from './1764115600000-create-dq-result';
import { CreateMarts1764115700000 } from './1764115700000-create-marts';
import { CreateRoles1764115800000 } from './1764115800000-create-roles';
import { KeyHighCostByMonth1764115900000 } from './1764115900000-key-high-cost-by-month';

/** Every migration in order; the data-source factory registers this list. */
export const MIGRATIONS = [
  CreateSchemas1764115200000,
  CreateStagingAndEtl1764115300000,
  CreateDimensions1764115400000,
  CreateFacts1764115500000,
  CreateDqResult1764115600000,
  CreateMarts1764115700000,
  CreateRoles1764115800000,
  KeyHighCostByMonth1764115900000,
];
