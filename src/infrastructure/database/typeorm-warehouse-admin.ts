import { DataSource } from 'typeorm';
import { WarehouseAdmin } from '../../application/ports/warehouse-admin.port';

/** Migrations and rebuilds through the TypeORM data source that owns the migration list. */
export class TypeOrmWarehouseAdmin implements WarehouseAdmin {
  constructor(private readonly dataSource: DataSource) {}

  async migrate(): Promise<string[]> {
    const applied = await this.dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  }

  async reset(): Promise<void> {
    await this.dataSource.query(`DROP SCHEMA IF EXISTS mart, warehouse, staging, etl CASCADE`);
    await this.dataSource.query(`DROP TABLE IF EXISTS public.typeorm_migrations`);
    await this.migrate();
  }
}
