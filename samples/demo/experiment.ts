/** The demo's experiment: two runs of the same @Evaluate method, to compare in the viewer. */
import type { ExperimentResult } from '../../lib';
import { Evaluate, evaluate, evaluator } from '../../lib';
import type { SupportAgent } from './support-agent';

const dataset = [
  { inputs: { question: 'How do I reset my password?' }, ground_truth: { mentions: 'Security' } },
  { inputs: { question: 'When is my plan billed?' }, ground_truth: { mentions: 'monthly' } },
  { inputs: { question: 'Can I export my data?' }, ground_truth: { mentions: 'zip' } },
  { inputs: { question: 'Where is the dark mode?' }, ground_truth: { mentions: 'Appearance' } },
];

const mentions = evaluator((out: string, _in, gt: { mentions: string }) => out.includes(gt.mentions), {
  name: 'mentions_fact',
});
const brevity = evaluator(
  (out: string) => ({ score: Math.max(0, 1 - out.length / 200), explanation: `${out.length} chars` }),
  { name: 'brevity' },
);

class FaqBot {
  constructor(private readonly agent: SupportAgent) {}

  @Evaluate({ name: 'faq-answers', dataset, evaluators: [mentions, brevity], maxWorkers: 2 })
  async answer(dp: { inputs: { question: string } }): Promise<string> {
    const articles = await this.agent.searchDocs(dp.inputs.question);
    return this.agent.generate(dp.inputs.question, articles);
  }

  @Evaluate({ name: 'faq-answers-no-retrieval', dataset, evaluators: [mentions, brevity], maxWorkers: 2 })
  async answerBlind(dp: { inputs: { question: string } }): Promise<string> {
    return this.agent.generate(dp.inputs.question, []);
  }
}

/** Runs both experiments against the collector. */
export async function runExperiments(agent: SupportAgent, serverUrl: string): Promise<ExperimentResult[]> {
  const bot = new FaqBot(agent);
  const common = { apiKey: 'local', project: 'support-agent', serverUrl, printResults: false };
  return [await evaluate(bot, 'answer', common), await evaluate(bot, 'answerBlind', common)];
}
