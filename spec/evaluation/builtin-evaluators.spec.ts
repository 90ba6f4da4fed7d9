import { expect } from 'chai';
import {
  contains,
  exactMatch,
  jsonParses,
  llmJudge,
  matchesRegex,
  matchesSchema,
  numericCloseness,
} from '../../lib/evaluation/builtin-evaluators';
import { evaluate } from '../../lib/evaluation/run-experiment';

describe('built-in evaluators', () => {
  it('score text, JSON, schemas and numbers, each under its own metric name', async () => {
    expect(exactMatch().evaluatorName).to.equal('exact_match');
    expect(exactMatch()(' Paris ', {}, 'Paris')).to.equal(true);
    expect(exactMatch()('paris', {}, 'Paris')).to.equal(false);
    expect(exactMatch({ ignoreCase: true })({ text: 'paris' }, {}, 'Paris')).to.equal(true);
    expect(contains()('It is Paris.', {}, 'Paris')).to.equal(true);
    expect(contains('Rome')('It is Paris.', {}, 'Paris')).to.equal(false);
    expect(matchesRegex(/^\d{4}-\d{2}$/g)('2026-12', {}, null)).to.equal(true);
    expect(matchesRegex(/^\d{4}-\d{2}$/g)('2026-12', {}, null), 'a /g pattern keeps no state').to.equal(true);
    expect(jsonParses()('{"a":1}', {}, null)).to.equal(true);
    expect(jsonParses()('not json', {}, null)).to.equal(false);
    expect(jsonParses()({ a: 1 }, {}, null)).to.equal(true);
    const schema = {
      safeParse: (v: unknown) => ({ success: typeof (v as { city?: unknown }).city === 'string' }),
    };
    expect(matchesSchema(schema)('{"city":"Lisbon"}', {}, null)).to.equal(true);
    expect(matchesSchema((v) => Array.isArray(v))('{"city":1}', {}, null)).to.equal(false);
    expect(numericCloseness({ tolerance: 0.01 })('3.141', {}, 3.14)).to.equal(true);
    expect(numericCloseness({ tolerance: 0.01, relative: true })(105, {}, 100)).to.equal(false);
    expect(numericCloseness()('n/a', {}, 1)).to.equal(false);
  });

  it('llmJudge asks the model you give it and reads its score; no number scores 0', async () => {
    const prompts: string[] = [];
    const judge = llmJudge({
      criteria: 'names the capital',
      model: async (prompt) => {
        prompts.push(prompt);
        return prompt.includes('Answer: Paris') ? '0.9 — it names the capital.' : 'It does not.';
      },
    });
    expect(await judge('Paris', { country: 'fr' }, 'Paris')).to.deep.equal({
      score: 0.9,
      explanation: '0.9 — it names the capital.',
    });
    expect(prompts[0])
      .to.contain('names the capital')
      .and.contain('Input: {"country":"fr"}')
      .and.contain('Expected: Paris');
    expect(((await judge('Rome', {}, 'Paris')) as { score: number }).score).to.equal(0);
  });

  it('evaluators of a datapoint run at once, and one that hangs is given up at its timeout without losing the others', async () => {
    let running = 0;
    let most = 0;
    const slow = (name: string) =>
      Object.defineProperty(
        async () => {
          most = Math.max(most, ++running);
          await new Promise((r) => setTimeout(r, 20));
          running--;
          return 1;
        },
        'name',
        { value: name },
      );
    const hangs = Object.defineProperty(() => new Promise<number>(() => undefined), 'name', {
      value: 'hangs',
    });
    const result = await evaluate((dp) => dp.inputs.q, {
      name: 'concurrent',
      project: 'evals',
      testMode: true,
      dataset: [{ inputs: { q: 'a' } }],
      evaluators: [slow('first'), slow('second'), slow('third'), hangs],
      evaluatorTimeoutMs: 200,
      summaryEvaluators: [
        function answered(results) {
          return results.length;
        },
        () => ({ scored: 3, judged: true }),
      ],
    });
    expect(result.summary, 'summary evaluators get the whole run').to.deep.equal({
      answered: 1,
      scored: 3,
      judged: true,
    });
    expect(most, 'the three slow evaluators overlapped').to.equal(3);
    expect(result.datapoints[0]!.metrics).to.deep.equal({ first: 1, second: 1, third: 1 });
  });
});
