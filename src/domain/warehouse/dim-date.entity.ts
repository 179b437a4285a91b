import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Calendar day (static dimension, filled by `warehouse.populate_dim_date`). */
@Entity({ schema: 'warehouse', name: 'dim_date' })
export class DimDate {
  /** YYYYMMDD. */
  @PrimaryColumn('integer')
  date_key!: number;

  @Column('date', { unique: true })
  full_date!: string;

  @Column('smallint')
  year!: number;

  @Column('smallint')
  quarter!: number;

  @Column('smallint')
  month!: number;

  @Column('text')
  month_name!: string;

  @Column('smallint')
  day_of_month!: number;

  /** ISO day of week, 1 = Monday. */
  @Column('smallint')
  day_of_week!: number;

  @Column('text')
  day_name!: string;

  @Column('smallint')
  iso_week!: number;

  @Column('smallint')
  iso_year!: number;

  @Column('boolean')
  is_weekend!: boolean;

  @Column('text')
  year_month!: string;

  @Column('date')
  month_start!: string;
}
