/** A cell value of a cube answer: dimension members are strings, measures numbers (null = no data). */
export type CubeValue = string | number | null;

/** A semantic cube question: measures by dimensions, optionally filtered to dimension members. */
export interface CubeQuery {
  readonly measures: readonly string[];
  readonly by: readonly string[];
  /** Dimension name -> allowed members (OR within a dimension, AND across dimensions). */
  readonly where?: Readonly<Record<string, readonly string[]>>;
  readonly orderBy?: string;
  readonly limit?: number;
}

export interface CubeAnswer {
  readonly columns: string[];
  readonly rows: Array<Record<string, CubeValue>>;
}

/** The names a cube question may use. */
export interface CubeNames {
  readonly measures: readonly string[];
  readonly dimensions: readonly string[];
}

/**
 * What the HTTP API and the dashboard need from the semantic query service
 * (`QueryCubeService`): its vocabulary and a query.
 */
export interface CubeQueryPort {
  names(): CubeNames;
  query(q: CubeQuery): Promise<CubeAnswer>;
}
