import type { ImportKind } from './types.ts';

/**
 * instant: a date or date-time → Date (a bare date is that day's start in the tenant's zone);
 * day: a calendar day → 'YYYY-MM-DD'; number: lenient amount ("1 234,50", "€1234"); count: integer ≥ 0;
 * metric: snake_case name; text/email: trimmed strings of bounded length.
 */
export type FieldType = 'text' | 'email' | 'instant' | 'day' | 'number' | 'count' | 'enum' | 'metric';

export interface FieldSpec {
  name: string;
  type: FieldType;
  required?: boolean;
  values?: readonly string[];
  maxLength?: number;
}

export type CellValue = string | number | Date | null;
/** Parsed fields of one row: a field absent from the file is undefined (left untouched on update). */
export type RowValues = Record<string, CellValue | undefined>;

export interface KindSpec {
  kind: ImportKind;
  fields: readonly FieldSpec[];
  /** Rows carry (source, externalId): `--set source=hubspot` names the origin system, default 'csv'. */
  hasSource: boolean;
  /** Cross-field rules; returns the rejection reason. */
  validate?: (row: RowValues) => string | null;
}

export const DEFAULT_TEXT_LENGTH = 255;

const text = (name: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ name, type: 'text', ...extra });
const instant = (name: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  type: 'instant',
  ...extra,
});
const count = (name: string): FieldSpec => ({ name, type: 'count' });

const COUNTERS = [
  'sent',
  'delivered',
  'opens',
  'uniqueClicks',
  'unsubscribes',
  'spamReports',
  'bounces',
  'leads',
];

export const KIND_SPECS: Record<ImportKind, KindSpec> = {
  teams: { kind: 'teams', hasSource: false, fields: [text('name', { required: true }), text('manager')] },
  reps: {
    kind: 'reps',
    hasSource: false,
    fields: [
      text('name', { required: true }),
      { name: 'email', type: 'email' },
      text('team'),
      { name: 'role', type: 'enum', values: ['admin', 'manager', 'rep', 'viewer'] },
      text('crmOwnerId'),
      text('slackUserId'),
      text('teamsUserId'),
      text('manager'),
    ],
  },
  leads: {
    kind: 'leads',
    hasSource: true,
    fields: [
      text('externalId', { required: true }),
      instant('createdAt', { required: true }),
      text('name'),
      { name: 'email', type: 'email' },
      text('company'),
      text('channel'),
      text('campaign'),
      text('owner'),
      instant('qualifiedAt'),
      instant('convertedAt'),
      instant('lostAt'),
    ],
  },
  deals: {
    kind: 'deals',
    hasSource: true,
    fields: [
      text('externalId', { required: true }),
      instant('createdAt', { required: true }),
      text('name'),
      text('account'),
      text('owner'),
      text('team'),
      text('stage'),
      { name: 'status', type: 'enum', values: ['open', 'won', 'lost'], required: true },
      { name: 'amount', type: 'number' },
      text('currency', { maxLength: 8 }),
      instant('proposalSentAt'),
      instant('proposalReadAt'),
      instant('proposalFollowedUpAt'),
      instant('closedAt'),
      text('leadId'),
      text('channel'),
      // Only dates a stage change seen on re-import; not stored on the deal.
      instant('updatedAt'),
    ],
    validate: (row) =>
      (row.status === 'won' || row.status === 'lost') && !row.closedAt
        ? `closedAt is required for a ${row.status} deal`
        : null,
  },
  activities: {
    kind: 'activities',
    hasSource: true,
    fields: [
      text('externalId', { required: true }),
      {
        name: 'type',
        type: 'enum',
        values: ['meeting', 'call', 'email', 'proposal_followup'],
        required: true,
      },
      instant('occurredAt', { required: true }),
      text('rep'),
      text('leadId'),
      text('dealId'),
    ],
  },
  campaigns: {
    kind: 'campaigns',
    hasSource: true,
    fields: [
      text('externalId', { required: true }),
      text('name'),
      text('channel'),
      { name: 'day', type: 'day', required: true },
      ...COUNTERS.map(count),
      { name: 'cost', type: 'number' },
    ],
  },
  'web-traffic': {
    kind: 'web-traffic',
    hasSource: false,
    fields: [
      { name: 'day', type: 'day', required: true },
      text('source', { required: true }),
      count('sessions'),
      count('users'),
      count('pageviews'),
      count('bounces'),
      { name: 'engagedSeconds', type: 'number' },
      count('leads'),
    ],
  },
  objectives: {
    kind: 'objectives',
    hasSource: false,
    fields: [
      { name: 'metric', type: 'metric', required: true },
      { name: 'scope', type: 'enum', values: ['tenant', 'team', 'rep'] },
      text('scopeName'),
      { name: 'grain', type: 'enum', values: ['week', 'month', 'quarter', 'year'], required: true },
      { name: 'periodStart', type: 'day', required: true },
      { name: 'target', type: 'number', required: true },
    ],
    validate: (row) =>
      (row.scope === 'team' || row.scope === 'rep') && !row.scopeName
        ? `scopeName is required for a ${row.scope} objective (the team name or the rep's email or name)`
        : null,
  },
};

/** "Created At", "created_at" and "createdAt" all name the field createdAt. */
export function normalizeColumnName(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}
