/**
 * Renders the sample answers and prints them as JSON; process-zones.test.ts runs it under several process TZ values:
 * ranges are shown in the answer's zone, never the server's.
 */
import { renderAnswerMessage, renderHomeView } from '../../../src/slack/blocks/index.ts';
import { emptyAnswer, frenchRevenue, funnelByStage, monthlySeries, winRateByRep } from './answer-factory.ts';

const answers = [winRateByRep, frenchRevenue, emptyAnswer, monthlySeries, funnelByStage];
const out = {
  processOffset: new Date('2026-11-15T12:00:00Z').getTimezoneOffset(),
  messages: answers.map((a) => renderAnswerMessage(a, { question: 'q', shareable: true })),
  home: renderHomeView({
    lang: 'fr',
    user: null,
    myFigures: [],
    teamFigures: answers,
    alerts: [],
    subscriptions: [],
  }),
};
process.stdout.write(JSON.stringify(out));
