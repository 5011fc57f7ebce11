/** Ten questions sales and marketing people typically ask, as they type them in chat. */
export const BENCH_QUESTIONS: readonly string[] = [
  'win rate by rep last quarter',
  'revenue signed this month vs target',
  'conversion last week',
  'qualified leads by channel last 30 days',
  'meetings by team this week',
  'pipeline',
  'average deal size this year',
  'sales cycle last quarter',
  'cost per lead by campaign last month',
  'email open rate last month',
];
