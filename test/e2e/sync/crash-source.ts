import { FakeSource, type FakeSourceOptions, seedFakeSource } from '../../integration/sync/fake-connector.ts';

export const CRASH_SOURCE = 'fake-crash';
export const CRASH_JOB_ID = 'crash-test-sync';

/** The same source in the test and in the worker processes: 4 owners, 600 leads, 200 deals, 25 records a page. */
export function crashTestSource(options: FakeSourceOptions = {}): FakeSource {
  const source = new FakeSource({ source: CRASH_SOURCE, pageSize: 25, ...options });
  seedFakeSource(source, { owners: 4, leads: 600 });
  return source;
}
