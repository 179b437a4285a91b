import { Scd2RepositoryPort } from '../../application/ports/scd2-repository.port';
import { DimensionClass, isScd2Dimension } from '../../domain/scd2';
import { Scd2Repository } from './scd2-repository';
import { SCD2_STAGING_BINDINGS } from './scd2-staging-bindings';

/**
 * One generic SCD2 repository per `@Scd2Dimension` entity of the list, in list order (the
 * order dimensions merge in): registering an entity in ENTITIES is all the wiring it needs.
 */
export function createScd2Repositories(
  entities: readonly DimensionClass[],
): Scd2RepositoryPort<object>[] {
  return entities
    .filter((entity) => isScd2Dimension(entity))
    .map((entity) => new Scd2Repository<object>(entity, SCD2_STAGING_BINDINGS.get(entity)));
}
