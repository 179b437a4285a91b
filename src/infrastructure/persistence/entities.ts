import {
  DimDate,
  DimEnrollment,
  DimGeography,
  DimMember,
  DimPlan,
  DimProvider,
} from '../../domain/warehouse';

/**
 * Every TypeORM entity class the data sources map. Entities live with the domain; this list
 * is the wiring point: a new dimension adds its class here.
 */
export const ENTITIES: Array<new () => object> = [
  DimDate,
  DimGeography,
  DimMember,
  DimPlan,
  DimProvider,
  DimEnrollment,
];
