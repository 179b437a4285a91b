import { COLUMN_SIDE, CUBE_DIMENSIONS, CubeSide, DimensionValueType } from './cube-dimensions';
import { CUBE_MEASURES, MeasureUnit } from './cube-measures';
import { CUBE_GROUPING_SETS, groupingId } from './grouping-sets';

/** What the cube offers, as an API or a CLI `--help` shows it. */
export interface CubeCatalog {
  readonly measures: ReadonlyArray<{
    readonly name: string;
    readonly description: string;
    readonly unit: MeasureUnit;
    /** Sums over any roll-up (false for distinct counts and ratios). */
    readonly additive: boolean;
  }>;
  readonly dimensions: ReadonlyArray<{
    readonly name: string;
    readonly description: string;
    readonly valueType: DimensionValueType;
    readonly side: CubeSide;
  }>;
  /** The grouping sets stored in mart.claims_cube, by their GROUPING() id. */
  readonly groupingSets: ReadonlyArray<{
    readonly groupingId: number;
    readonly columns: readonly string[];
  }>;
}

export function cubeCatalog(): CubeCatalog {
  return {
    measures: CUBE_MEASURES.map((m) => ({
      name: m.name,
      description: m.description,
      unit: m.unit,
      additive: m.kind === 'sum',
    })),
    dimensions: CUBE_DIMENSIONS.map((d) => ({
      name: d.name,
      description: d.description,
      valueType: d.valueType,
      side: COLUMN_SIDE[d.column],
    })),
    groupingSets: CUBE_GROUPING_SETS.map((s) => ({ groupingId: groupingId(s), columns: [...s] })),
  };
}
