/** The materialized views of the mart schema, in dependency order (all read mart.claims_cube). */
export const MART_MATERIALIZED_VIEWS = [
  'mart.claims_by_plan_metal_month',
  'mart.utilization_by_specialty',
  'mart.pmpm',
  'mart.medical_loss_ratio',
] as const;

export const MATVIEWS_POPULATED = `
  SELECT schemaname || '.' || matviewname AS name, ispopulated
    FROM pg_matviews
   WHERE schemaname = 'mart'`;

export const UPDATE_HIGH_COST_THRESHOLD = `
  UPDATE mart.settings
     SET value = $1::numeric, updated_at = now()
   WHERE name = 'high_cost_threshold' AND value <> $1::numeric`;
