import { ask } from '../../src/app/ask.ts';
import type { AppContext } from '../../src/app/context.ts';
import type { KpiAnswer } from '../../src/core/answer.ts';
import {
  type AnsweredQuestion,
  answeredQuestion,
  answerFigures,
  disagreements,
  type Figures,
  rawFigures,
  rollupSources,
} from './figures.ts';
import { type Latency, latencyOf, sampleRoundRobin } from './latency.ts';

export interface QuestionResult {
  text: string;
  question: AnsweredQuestion;
  metric: string;
  /** Where the answer's reads come from (rollup, mixed = rollups + partial days from raw, raw). */
  sources: string;
  answer: Latency;
  raw: Latency;
  answerValue: number | null;
  rawValue: number | null;
  problems: string[];
}

export interface AnswerBenchResult {
  questions: QuestionResult[];
  answer: Latency;
  raw: Latency;
}

export class NotAnAnswerError extends Error {}

/** One question through the real chat path, as the system user; anything but an answer stops the benchmark. */
export async function askForAnswer(
  ctx: AppContext,
  tenantId: string,
  text: string,
  now: Date,
): Promise<KpiAnswer> {
  const result = await ask(ctx, { tenantId, text, user: { system: true }, now });
  if (result.kind !== 'answer') {
    const detail = result.kind === 'error' ? `${result.code}: ${result.message}` : JSON.stringify(result);
    throw new NotAnAnswerError(`"${text}" did not give an answer (${result.kind}) — ${detail}`);
  }
  return result.answer;
}

/** Asks every question, and checks each figure against the raw-table baseline; no timing. */
export async function checkAnswers(
  ctx: AppContext,
  tenantId: string,
  tz: string,
  questions: readonly string[],
  now: Date,
): Promise<{ question: AnsweredQuestion; answer: KpiAnswer; raw: Figures; problems: string[] }[]> {
  const out = [];
  for (const text of questions) {
    const answer = await askForAnswer(ctx, tenantId, text, now);
    const metric = ctx.catalog.get(answer.metric.name);
    if (!metric) throw new Error(`bench: answer names unknown metric ${answer.metric.name}`);
    const question = answeredQuestion(text, answer, metric);
    const raw = await rawFigures(ctx.db, tenantId, tz, question);
    out.push({
      question,
      answer,
      raw,
      problems: disagreements(answerFigures(answer), raw, answer.breakdownTotal),
    });
  }
  return out;
}

/**
 * Latency of the answers (ask: parse, scope, rollup reads, comparison, objective, breakdown labels) and of the
 * same figures from the raw tables (rawMeasures over the same terms and ranges, no parsing or lookups), each
 * question `runs` times after a warm-up, round-robin; plus the check that both give the same figures.
 */
export async function benchAnswers(
  ctx: AppContext,
  tenantId: string,
  tz: string,
  questions: readonly string[],
  now: Date,
  runs: number,
): Promise<AnswerBenchResult> {
  const checked = await checkAnswers(ctx, tenantId, tz, questions, now);
  const askTasks = questions.map((text) => () => askForAnswer(ctx, tenantId, text, now));
  const rawTasks = checked.map(
    ({ question }) =>
      () =>
        rawFigures(ctx.db, tenantId, tz, question),
  );
  await sampleRoundRobin(askTasks, 3);
  await sampleRoundRobin(rawTasks, 1);
  const askSamples = await sampleRoundRobin(askTasks, runs);
  const rawSamples = await sampleRoundRobin(rawTasks, runs);
  const results: QuestionResult[] = [];
  for (const [i, c] of checked.entries()) {
    results.push({
      text: c.question.text,
      question: c.question,
      metric: c.question.metric.name,
      sources: await rollupSources(ctx.db, tenantId, tz, c.question),
      answer: latencyOf(askSamples[i]!),
      raw: latencyOf(rawSamples[i]!),
      answerValue: c.answer.value,
      rawValue: c.raw.value,
      problems: c.problems,
    });
  }
  return { questions: results, answer: latencyOf(askSamples.flat()), raw: latencyOf(rawSamples.flat()) };
}
