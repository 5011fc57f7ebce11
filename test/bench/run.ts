/**
 * `npm run bench [-- --scale 0.1] [--runs 30] [--only answers|rollup|incremental|alerts|sync]`: generates a large
 * company inside a fresh PostgreSQL database, then times the full rollup build, the answers against the same
 * figures from raw SQL, an incremental recompute after a 1% change and the evaluation of 10,000 alert rules
 * (test/bench/alerts-bench.ts); then the sync ingest rate (test/bench/sync-ingest.ts); prints the tables, the
 * ratios and the targets.
 * Exit code 0 whether or not the performance targets are met (it reports); 1 when an answer is wrong or missing.
 */
import type { Database } from '../../src/store/database.ts';
import { recomputeRollups } from '../../src/store/rollups/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { ALERT_BENCH_RULES, benchAlerts, formatAlertBench } from './alerts-bench.ts';
import { type AnswerBenchResult, benchAnswers, checkAnswers } from './answer-bench.ts';
import { BENCH_USAGE, BenchUsageError, parseBenchArgs } from './bench-args.ts';
import { benchContext } from './bench-context.ts';
import { companySize } from './company-size.ts';
import { BENCH_TENANT, BENCH_TZ } from './company-sql.ts';
import { captureStatements, explainAnalyze } from './explain-reads.ts';
import { rollupSources } from './figures.ts';
import { generateCompany } from './generate-company.ts';
import { machineFacts } from './machine-facts.ts';
import { applyOnePercentChange } from './one-percent-change.ts';
import { BENCH_QUESTIONS } from './questions.ts';
import { type SummaryInput, summaryTable } from './summary.ts';
import { benchSyncIngest, formatSyncIngest } from './sync-ingest.ts';
import { figure, ms, ratio, seconds, textTable } from './text-table.ts';

async function main(argv: readonly string[]): Promise<number> {
  let args: ReturnType<typeof parseBenchArgs>;
  try {
    args = parseBenchArgs(argv);
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    console.error(`${error.message}\n\n${BENCH_USAGE}`);
    return 2;
  }
  let code = 0;
  if (args.phases.size > 1 || !args.phases.has('sync')) code = await companyBench(args);
  if (args.phases.has('sync')) {
    console.log(
      `\nSync ingest — runSync from a fake source vs a plain COPY of the same rows (scale ${args.scale})`,
    );
    console.log(formatSyncIngest(await benchSyncIngest(args.scale)));
  }
  return code;
}

async function companyBench(args: ReturnType<typeof parseBenchArgs>): Promise<number> {
  const size = companySize(args.scale);
  const now = new Date();
  const test = await createTestDatabase('postgres');
  const stopOnSignal = () => {
    console.error('\ninterrupted: dropping the benchmark database');
    void test.dispose().finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    return await runBench(test, args, size, now);
  } finally {
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
    await test.dispose();
  }
}

async function runBench(
  test: TestDatabase,
  args: ReturnType<typeof parseBenchArgs>,
  size: ReturnType<typeof companySize>,
  now: Date,
): Promise<number> {
  const { db } = test;
  const url = test.url!;
  const n = (v: number) => v.toLocaleString('en');
  console.log(
    `kpibot benchmark — scale ${args.scale}: ${n(size.leads)} leads, ${n(size.deals)} deals, ` +
      `${n(size.activities)} activities, ${size.reps} reps in ${size.teams} teams, ${size.campaigns} campaigns, ` +
      `${size.days} days to ${now.toISOString()} (${BENCH_TZ})`,
  );
  console.log(await machineFacts(db));
  console.log(`database: ${db.location} (fresh, dropped at the end)\n`);

  console.log('1. Data generation — INSERT … SELECT generate_series inside PostgreSQL');
  const generated = await generateCompany(url, size, now);
  console.log(
    textTable(
      ['step', 'time'],
      generated.steps.map((s) => [s.name, seconds(s.ms)]),
    ),
  );
  console.log(
    `total ${seconds(generated.ms)}; rows: ${Object.entries(generated.rows)
      .map(([t, c]) => `${t} ${n(c)}`)
      .join(', ')}\n`,
  );

  console.log(`2. Full rollup build — recomputeRollups(db, '${BENCH_TENANT}', { full: true })`);
  const full = await recomputeRollups(db, BENCH_TENANT, { full: true });
  const rollupRows = await Promise.all(
    ['MetricDaily', 'MetricMonthly'].map(async (table) => {
      const [row] = await db.prisma.$queryRawUnsafe<{ rows: number; mb: number }[]>(
        `SELECT count(*)::int AS rows, round(pg_total_relation_size('"${table}"')::numeric / 1048576, 1)::float8 AS mb
         FROM "${table}"`,
      );
      return { table, rows: row?.rows ?? 0, mb: row?.mb ?? 0 };
    }),
  );
  console.log(
    `${n(full.days)} days, ${n(full.rows)} MetricDaily rows written in ${seconds(full.ms)} ` +
      `(${rollupRows.map((r) => `${r.table} ${n(r.rows)} rows, ${r.mb} MB`).join('; ')})`,
  );

  // Autovacuum would process the freshly written rollup tables in the middle of the timings; do it now instead.
  const vacuumStarted = performance.now();
  await db.prisma.$executeRawUnsafe('VACUUM (ANALYZE) "MetricDaily", "MetricMonthly"');
  console.log(
    `then VACUUM (ANALYZE) of the rollup tables, not counted above: ${seconds(performance.now() - vacuumStarted)}\n`,
  );

  const ctx = benchContext(db, url);
  let answers: AnswerBenchResult | undefined;
  let disagreeing = 0;
  let checked = false;
  if (args.phases.has('answers')) {
    console.log(
      `3. Answers (ask, rollups) vs the same figures from raw SQL — ${args.runs} runs each after warm-up, ms`,
    );
    answers = await benchAnswers(ctx, BENCH_TENANT, BENCH_TZ, BENCH_QUESTIONS, now, args.runs);
    checked = true;
    console.log(
      textTable(
        [
          'question',
          'reads',
          'answer p50',
          'p99',
          'raw p50',
          'p99',
          'raw/ans p50',
          'p99',
          'answer value',
          'raw value',
          'agree',
        ],
        [
          ...answers.questions.map((q) => [
            q.text,
            q.sources,
            ms(q.answer.p50),
            ms(q.answer.p99),
            ms(q.raw.p50),
            ms(q.raw.p99),
            ratio(q.raw.p50 / q.answer.p50),
            ratio(q.raw.p99 / q.answer.p99),
            figure(q.answerValue),
            figure(q.rawValue),
            q.problems.length === 0 ? 'yes' : 'NO',
          ]),
          [
            'all questions',
            '',
            ms(answers.answer.p50),
            ms(answers.answer.p99),
            ms(answers.raw.p50),
            ms(answers.raw.p99),
            ratio(answers.raw.p50 / answers.answer.p50),
            ratio(answers.raw.p99 / answers.answer.p99),
            '',
            '',
            '',
          ],
        ],
      ),
    );
    console.log(
      'answer = the whole ask() path; raw = rawMeasures (src/store/rollups) over the same measure terms and ranges, ' +
        'no parsing or lookups.\n',
    );
    if (args.explain) await explainSlowest(ctx.db, url, answers);
    for (const q of answers.questions.filter((q) => q.problems.length > 0)) {
      disagreeing++;
      console.log(`DISAGREE "${q.text}":\n  ${q.problems.slice(0, 10).join('\n  ')}`);
    }
  }

  let incremental: { ms: number } | undefined;
  if (args.phases.has('incremental')) {
    console.log('4. Incremental recompute after a 1% change (the most recent 1% of leads and of deals)');
    const change = await applyOnePercentChange(url, now);
    const result = await recomputeRollups(db, BENCH_TENANT);
    incremental = result;
    console.log(
      `${n(change.leads)} leads and ${n(change.deals)} deals changed, ${change.dirtyDays} dirty days → ` +
        `recomputeRollups: ${n(result.days)} days, ${n(result.rows)} rows in ${seconds(result.ms)} = ` +
        `${((result.ms / full.ms) * 100).toFixed(1)}% of the full build (${ratio(full.ms / result.ms)} faster)`,
    );
    const after = await checkAnswers(ctx, BENCH_TENANT, BENCH_TZ, BENCH_QUESTIONS, now);
    checked = true;
    const wrong = after.filter((c) => c.problems.length > 0);
    disagreeing += wrong.length;
    console.log(
      wrong.length === 0
        ? 'after it, all answers still equal the raw SQL figures\n'
        : wrong
            .map(
              (c) =>
                `DISAGREE after the change "${c.question.text}":\n  ${c.problems.slice(0, 10).join('\n  ')}`,
            )
            .join('\n'),
    );
  }

  let alertsSteady: SummaryInput['alerts'];
  if (args.phases.has('alerts')) {
    console.log(
      `5. Alerts — evaluateAlerts of ${ALERT_BENCH_RULES.toLocaleString('en')} rules over the company (reads, judging, writes)`,
    );
    const alerts = await benchAlerts(ctx, BENCH_TENANT, now, ALERT_BENCH_RULES);
    console.log(`${formatAlertBench(alerts)}\n`);
    alertsSteady = { ...alerts.steady, rules: alerts.rules };
    for (const run of alerts.runs) {
      if (run.summary.errors.length > 0) {
        disagreeing++;
        console.log(
          `ALERT ERRORS in "${run.label}": ${run.summary.errors
            .slice(0, 5)
            .map((e) => e.message)
            .join('; ')}`,
        );
      }
    }
  }

  console.log('Summary');
  console.log(
    summaryTable({
      ...(answers ? { answers } : {}),
      full,
      ...(incremental ? { incremental } : {}),
      ...(alertsSteady ? { alerts: alertsSteady } : {}),
      disagreements: disagreeing,
      checked,
    }),
  );
  return disagreeing > 0 ? 1 : 0;
}

/** The plans of the rollup reads (the same reads as the answer path) of the two slowest answers. */
async function explainSlowest(db: Database, url: string, answers: AnswerBenchResult) {
  const slowest = [...answers.questions].sort((a, b) => b.answer.p50 - a.answer.p50).slice(0, 2);
  for (const q of slowest) {
    const statements = await captureStatements(db, (recording) =>
      rollupSources(recording, BENCH_TENANT, BENCH_TZ, q.question),
    );
    const reads = statements.filter((s) => !s.sql.includes('FROM "Tenant"'));
    const plans = await explainAnalyze(url, reads);
    for (const [i, plan] of plans.entries()) {
      console.log(`EXPLAIN ANALYZE — "${q.text}", read ${i + 1} of ${plans.length}:\n${plan}\n`);
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
