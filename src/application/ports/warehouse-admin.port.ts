/** Schema lifecycle of the warehouse: migrations and rebuilds. */
export interface WarehouseAdmin {
  /** Applies pending migrations; returns their names. */
  migrate(): Promise<string[]>;
  /** Drops every warehouse schema and migrates again from scratch. */
  reset(): Promise<void>;
}

export const WAREHOUSE_ADMIN = Symbol('WarehouseAdmin');
