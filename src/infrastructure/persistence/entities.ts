/**
 * Every TypeORM entity class the data sources map. Entities live with the domain; this list
 * is the wiring point: a new dimension adds its class here.
 */
export const ENTITIES: Array<new () => object> = [];
