/**
 * An experiment file for `hivetrace eval`: the FAQ bot answers five questions, scored by exact
 * match and an LLM-as-judge (a fake judge here: your model call in real use). FAQ_BOT=v2 is a
 * candidate that got two answers wrong.
 */
import { contains, defineExperiment, exactMatch, llmJudge } from '../../lib';

const ANSWERS: Record<string, string> = {
  'How do I reset my password?': 'Use the reset link on the sign-in page.',
  'Can I change my plan?': 'Yes, from Settings → Billing.',
  'Do you offer refunds?': 'Within 30 days of purchase.',
  'Where are invoices?': 'In Settings → Billing → Invoices.',
  'How do I delete my account?': 'From Settings → Account → Delete.',
};
const WRONG_IN_V2 = new Set(['Can I change my plan?', 'Where are invoices?']);

export default defineExperiment({
  name: 'faq-bot',
  dataset: Object.entries(ANSWERS).map(([question, answer], i) => ({
    id: `faq-${i + 1}`,
    inputs: { question },
    ground_truth: answer,
  })),
  evaluators: [
    exactMatch(),
    contains('Settings', { name: 'mentions_settings' }),
    llmJudge({
      criteria: 'answers the question correctly',
      // your model call goes here; this judge agrees when the answer is the expected one
      model: (prompt) => (/Expected: (.*)\nAnswer: \1$/m.test(prompt) ? '1 correct' : '0 wrong'),
    }),
  ],
  run: (dp) => {
    const question = String(dp.inputs.question);
    return process.env.FAQ_BOT === 'v2' && WRONG_IN_V2.has(question)
      ? 'Please contact support.'
      : ANSWERS[question];
  },
});
