import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** Validated runtime configuration; field names are the environment variable names. */
export class AppConfig {
  /** PostgreSQL connection string; unset selects the embedded PGlite engine. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'DATABASE_URL must look like postgres://user[:password]@host[:port]/database',
  })
  DATABASE_URL?: string;

  /** Folder of the embedded PGlite database. */
  @IsString()
  PGLITE_DATA_DIR = 'data/pglite';

  @IsIn(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'])
  LOG_LEVEL = 'info';

  /** Where `npm run generate` and the demo write seed sets. */
  @IsString()
  SEED_DIR = 'data/seeds';

  /** Where data-quality reports are written. */
  @IsString()
  REPORT_DIR = 'reports';

  /** First and last year of warehouse.dim_date. */
  @IsInt()
  @Min(1900)
  @Max(2200)
  DIM_DATE_FIRST_YEAR = 2015;

  @IsInt()
  @Min(1900)
  @Max(2200)
  DIM_DATE_LAST_YEAR = 2035;

  /** Rolling 12-month paid above which a member counts as high cost (USD). */
  @IsInt()
  @Min(0)
  HIGH_COST_THRESHOLD = 50000;

  /** Port of `npm run serve`. */
  @IsInt()
  @Min(1)
  @Max(65535)
  HTTP_PORT = 3000;
}

/** Which AppConfig fields are integers, so string environment values can be coerced. */
export const INTEGER_SETTINGS: ReadonlyArray<keyof AppConfig> = [
  'DIM_DATE_FIRST_YEAR',
  'DIM_DATE_LAST_YEAR',
  'HIGH_COST_THRESHOLD',
  'HTTP_PORT',
];
