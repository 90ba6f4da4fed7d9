import { expect } from 'chai';
import { ConfigurationError } from '../../lib/config/ConfigurationError';
import { resolveConfig } from '../../lib/config/resolve-config';
import { closestName } from '../../lib/config/unknown-keys';
import { Trace } from '../../lib/decorators/Trace';
import { traced } from '../../lib/decorators/traced';
import { logger } from '../../lib/internal/logger';

describe('typos in options (what JavaScript users get past the types)', () => {
  const warnings: string[] = [];
  beforeEach(() => {
    warnings.length = 0;
    logger.setSink((level, line) => level === 'warn' && warnings.push(line));
  });
  afterEach(() => logger.setSink(undefined));

  it('warns once per unknown init key with the closest known name', () => {
    const options = { apiKey: 'k', project: 'p', sesionName: 's', disableBatc: true, verbos: true } as never;
    resolveConfig(options, {});
    resolveConfig(options, {});
    expect(warnings).to.deep.equal([
      '[hivetrace] unknown init option sesionName (did you mean sessionName?); it is ignored',
      '[hivetrace] unknown init option disableBatc (did you mean disableBatch?); it is ignored',
      '[hivetrace] unknown init option verbos (did you mean verbose?); it is ignored',
    ]);
  });

  it('warns about unknown @Trace and traced() keys, suggesting the closest', () => {
    Trace({ evenType: 'tool', nmae: 'x' } as never);
    traced(() => 1, { captureOutput: false } as never);
    expect(warnings.join('\n')).to.contain('unknown @Trace option evenType (did you mean eventType?)');
    expect(warnings.join('\n')).to.contain('unknown @Trace option nmae (did you mean name?)');
    expect(warnings.join('\n')).to.contain(
      'unknown @Trace option captureOutput (did you mean captureOutputs?)',
    );
  });

  it('suggests nothing for a key that resembles no option', () => {
    expect(closestName('zzzzzzzz', ['sessionName', 'verbose'])).to.equal(undefined);
  });

  it('rejects an unknown event type at decoration time, listing the valid ones', () => {
    expect(() => Trace({ eventType: 'modle' as never })).to.throw(
      ConfigurationError,
      'eventType: must be one of model, tool, chain, session, generic (got "modle")',
    );
    expect(() => traced(() => 1, { eventType: 'llm' as never })).to.throw(ConfigurationError, 'eventType');
  });
});
