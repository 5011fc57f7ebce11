import { describe, expectTypeOf, it } from 'vitest';
import type { MetricDef } from '../../../src/core/metrics/metric-def.ts';
import type { MetricVocabulary } from '../../../src/core/query/index.ts';

describe('MetricVocabulary', () => {
  it('accepts the catalog metric definitions as they are (checked by the type checker)', () => {
    expectTypeOf<MetricDef>().toExtend<MetricVocabulary>();
  });
});
