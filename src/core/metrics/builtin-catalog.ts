import { buildCatalog } from './build-catalog.ts';
import { CUSTOMER_METRICS } from './builtin-customers.ts';
import { DEAL_METRICS } from './builtin-deals.ts';
import { LEAD_METRICS } from './builtin-leads.ts';
import { MARKETING_METRICS } from './builtin-marketing.ts';
import type { Catalog } from './metric-def.ts';
import type { MetricSource } from './metric-input.ts';

/** Every built-in definition, in the order `/kpi list` shows them. */
export const BUILTIN_METRICS: readonly MetricSource[] = [
  ...LEAD_METRICS,
  ...DEAL_METRICS,
  ...CUSTOMER_METRICS,
  ...MARKETING_METRICS,
];

let cached: Catalog | undefined;

/** The built-in catalog, compiled once (it is constant data). */
export function builtinCatalog(): Catalog {
  cached ??= buildCatalog([...BUILTIN_METRICS]);
  return cached;
}
