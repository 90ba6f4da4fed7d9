import { expect } from 'chai';
import { costOf, loadPrices, tokensOf } from '../../lib/collector/viewer/prices';

describe('prices and cost', () => {
  const prices = loadPrices({
    'gpt-4o-mini': { input: 0.15, output: 0.6, cached_input: 0.075 },
    o4: { input: 1, output: 4, reasoning: 8, cache_write: 2 },
  });

  it('prices cached input, cache writes and reasoning at their own rates, each part of its whole', () => {
    const tokens = tokensOf({
      metadata: {},
      metrics: { prompt_tokens: 12, completion_tokens: 5, cache_read_input_tokens: 4, reasoning_tokens: 2 },
    });
    expect(tokens).to.deep.equal({ prompt: 12, completion: 5, total: 17, cached: 4, reasoning: 2 });
    expect(costOf(prices, 'gpt-4o-mini-2024-07-18', tokens)).to.be.closeTo(
      (8 * 0.15 + 4 * 0.075 + 5 * 0.6) / 1e6,
      1e-15,
    );
    const o4 = tokensOf({
      metadata: {},
      metrics: { prompt_tokens: 10, completion_tokens: 6, cache_write_input_tokens: 3, reasoning_tokens: 4 },
    });
    expect(costOf(prices, 'o4', o4)).to.be.closeTo((7 * 1 + 3 * 2 + 2 * 4 + 4 * 8) / 1e6, 1e-15);
  });

  it('never answers a negative cost, whatever the counts say', () => {
    const odd = tokensOf({
      metadata: {},
      metrics: {
        prompt_tokens: 2,
        completion_tokens: 1,
        cache_read_input_tokens: 50,
        reasoning_tokens: 9,
        cache_write_input_tokens: 7,
      },
    });
    const cost = costOf(prices, 'o4', odd)!;
    expect(cost).to.be.at.least(0);
    expect(cost).to.be.closeTo((2 * 1 + 1 * 8) / 1e6, 1e-15);
    expect(tokensOf({ metadata: {}, metrics: { prompt_tokens: -5, completion_tokens: 3 } })).to.deep.equal({
      prompt: 0,
      completion: 3,
      total: 3,
    });
  });

  it('rejects a malformed optional price, naming the model and field', () => {
    expect(() => loadPrices({ m: { input: 1, output: 2, cached_input: -1 } } as any)).to.throw(
      /m\.cached_input must be a non-negative number/,
    );
  });
});
