export {
  DEFAULT_DEMO_MONTHS,
  DEFAULT_DEMO_SEED,
  type DemoCompany,
  type DemoOptions,
  generateDemoCompany,
} from './generate.ts';
export { DEMO_SOURCE, type LoadDemoOptions, type LoadDemoResult, loadDemoData } from './load.ts';
export { DEMO_EMAIL_DOMAIN } from './people.ts';
export { DEMO_STORIES, type DemoStoryFacts } from './stories.ts';
export type { DemoRecordKind } from './table-rows.ts';
export type * from './types.ts';
