import { expect } from 'chai';
import { ConfigurationError } from '../../lib/config/ConfigurationError';
import { EvaluationConfig } from '../../lib/config/EvaluationConfig';
import { resolveConfig } from '../../lib/config/resolve-config';
import { SessionConfig } from '../../lib/config/SessionConfig';
import { TracerConfig } from '../../lib/config/TracerConfig';
import { logger } from '../../lib/internal/logger';

const UUID = '550e8400-e29b-41d4-a716-446655440000';
const base = { apiKey: 'k', project: 'p' };

function captureWarnings(): string[] {
  const lines: string[] = [];
  logger.setSink((level, line) => {
    if (level === 'warn') lines.push(line);
  });
  return lines;
}

function errorOf(fn: () => unknown): ConfigurationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigurationError) return e;
    throw e;
  }
  throw new Error('expected a ConfigurationError');
}

describe('resolveConfig', () => {
  afterEach(() => logger.setSink(undefined));

  describe('precedence: explicit > config object > environment > default', () => {
    const cases: Array<[string, string, unknown, unknown, unknown, unknown]> = [
      // field, env var, env value (raw), env parsed, config value, explicit value
      ['source', 'HH_SOURCE', 'env-src', 'env-src', 'cfg-src', 'explicit-src'],
      ['project', 'HH_PROJECT', 'env-proj', 'env-proj', 'cfg-proj', 'explicit-proj'],
      ['apiKey', 'HH_API_KEY', 'env-key', 'env-key', 'cfg-key', 'explicit-key'],
      ['sessionName', 'HH_SESSION_NAME', 'env-name', 'env-name', 'cfg-name', 'explicit-name'],
      ['serverUrl', 'HH_API_URL', 'http://env:1', 'http://env:1', 'http://cfg:2', 'http://explicit:3'],
      ['verbose', 'HH_VERBOSE', 'true', true, false, true],
      ['disableBatch', 'HH_DISABLE_BATCH', '1', true, false, true],
      ['disableHttpTracing', 'HH_DISABLE_HTTP_TRACING', 'false', false, true, false],
      ['otlpProtocol', 'HH_OTLP_PROTOCOL', 'http/json', 'http/json', 'http/protobuf', 'http/json'],
      ['maxQueueSize', 'HH_MAX_QUEUE_SIZE', '500', 500, 1000, 2000],
      ['flushOnExit', 'HH_FLUSH_ON_EXIT', 'false', false, true, false],
    ];
    for (const [field, envName, envRaw, envParsed, cfgValue, explicitValue] of cases) {
      describe(field, () => {
        const env = { HH_API_KEY: 'k', HH_PROJECT: 'p', [envName]: String(envRaw) };
        it('takes the environment over the default', () => {
          expect((resolveConfig({}, env) as any)[field]).to.deep.equal(envParsed);
        });
        it('takes the config object over the environment', () => {
          expect(
            (resolveConfig({ config: new TracerConfig({ [field]: cfgValue }) }, env) as any)[field],
          ).to.deep.equal(cfgValue);
        });
        it('takes the explicit option over the config object', () => {
          const opts = { config: new TracerConfig({ [field]: cfgValue }), [field]: explicitValue };
          expect((resolveConfig(opts, env) as any)[field]).to.deep.equal(explicitValue);
        });
      });
    }

    it('uses the defaults when nothing is set', () => {
      const c = resolveConfig(base, {});
      expect(c.source).to.equal('dev');
      expect(c.serverUrl).to.equal('https://api.honeyhive.ai');
      expect(c.disableHttpTracing).to.equal(true);
      expect(c.disableBatch).to.equal(false);
      expect(c.otlpProtocol).to.equal('http/protobuf');
      expect(c.sessionName).to.be.a('string').and.not.equal('');
    });

    it('reads HH_SERVER_URL as an alias of HH_API_URL, HH_API_URL first', () => {
      expect(resolveConfig(base, { HH_SERVER_URL: 'http://alias:1' }).serverUrl).to.equal('http://alias:1');
      expect(
        resolveConfig(base, { HH_SERVER_URL: 'http://alias:1', HH_API_URL: 'http://main:2' }).serverUrl,
      ).to.equal('http://main:2');
    });

    it('reads OTEL_EXPORTER_OTLP_PROTOCOL when HH_OTLP_PROTOCOL is unset', () => {
      expect(resolveConfig(base, { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' }).otlpProtocol).to.equal(
        'http/protobuf',
      );
      expect(
        resolveConfig(base, { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf', HH_OTLP_PROTOCOL: 'http/json' })
          .otlpProtocol,
      ).to.equal('http/json');
    });

    it('reads HH_TEST_MODE, which lifts the apiKey requirement', () => {
      const c = resolveConfig({ project: 'p' }, { HH_TEST_MODE: 'true' });
      expect(c.testMode).to.equal(true);
      expect(c.apiKey).to.equal(undefined);
    });

    it('puts sessionConfig and evaluationConfig between config and explicit options', () => {
      const c = resolveConfig(
        {
          ...base,
          config: new TracerConfig({ sessionName: 'cfg', runId: 'cfg-run' }),
          sessionConfig: new SessionConfig({ sessionName: 'session-cfg' }),
          evaluationConfig: new EvaluationConfig({ isEvaluation: true, runId: 'eval-run' }),
          datasetId: 'explicit-ds',
        },
        {},
      );
      expect([c.sessionName, c.runId, c.datasetId, c.isEvaluation]).to.deep.equal([
        'session-cfg',
        'eval-run',
        'explicit-ds',
        true,
      ]);
    });

    it('reads the environment at call time, not at import', () => {
      const before = resolveConfig(base, {}).source;
      expect(resolveConfig(base, { HH_SOURCE: 'late' }).source).to.equal('late');
      expect(before).to.equal('dev');
    });
  });

  describe('unparsable environment values', () => {
    for (const [name, value, field, fallback] of [
      ['HH_VERBOSE', 'maybe', 'verbose', false],
      ['HH_TEST_MODE', 'sometimes', 'testMode', false],
      ['HH_DISABLE_BATCH', '2', 'disableBatch', false],
      ['HH_DISABLE_HTTP_TRACING', 'nah', 'disableHttpTracing', true],
      ['HH_OTLP_PROTOCOL', 'grpc', 'otlpProtocol', 'http/protobuf'],
      ['HH_API_URL', 'not a url', 'serverUrl', 'https://api.honeyhive.ai'],
      ['HH_API_TIMEOUT', '-3', 'apiTimeoutMs', 5000],
      ['HH_MAX_QUEUE_SIZE', '1.5', 'maxQueueSize', 32768],
      ['HH_MAX_QUEUE_SIZE', '-1', 'maxQueueSize', 32768],
      ['HH_FLUSH_ON_EXIT', 'later', 'flushOnExit', true],
    ] as const) {
      it(`warns about ${name}=${value} and falls back to the default`, () => {
        const warnings = captureWarnings();
        const c = resolveConfig(base, { [name]: value });
        expect((c as any)[field]).to.deep.equal(fallback);
        expect(warnings.join('\n')).to.contain(name);
      });
    }
  });

  describe('ConfigurationError', () => {
    it('names maxQueueSize, exporter and spanProcessors when they are not what they must be', () => {
      const bad = () =>
        resolveConfig({
          ...base,
          maxQueueSize: 0,
          exporter: {} as never,
          spanProcessors: [{}] as never,
        });
      expect(bad)
        .to.throw(ConfigurationError)
        .with.property('fields')
        .that.includes.members(['maxQueueSize', 'exporter', 'spanProcessors']);
    });

    it('validates every nested capture option, named by its path', () => {
      const err = errorOf(() =>
        resolveConfig({
          ...base,
          capture: {
            limits: { maxDepth: 'x' as never, maxStringLength: -5 },
            redaction: { patterns: [1 as never], shouldRedact: 'no' as never, enabled: 'yes' as never },
            captureInputs: 'sure' as never,
          },
        }),
      );
      expect(err.fields).to.have.members([
        'capture.limits.maxDepth',
        'capture.limits.maxStringLength',
        'capture.redaction.patterns',
        'capture.redaction.shouldRedact',
        'capture.redaction.enabled',
        'capture.captureInputs',
      ]);
      expect(
        errorOf(() => resolveConfig({ ...base, capture: { redaction: 'on' as never } })).fields,
      ).to.deep.equal(['capture.redaction']);
    });

    it('keeps the default for a capture limit given as undefined', () => {
      const c = resolveConfig({ ...base, capture: { limits: { maxStringLength: undefined, maxDepth: 3 } } });
      expect(c.limits.maxStringLength).to.equal(4096);
      expect(c.limits.maxDepth).to.equal(3);
    });

    it('reports one issue per field, the most specific one', () => {
      const err = errorOf(() => resolveConfig({ apiKey: 'k', project: 123 as never }));
      expect(err.issues).to.deep.equal([{ field: 'project', reason: 'project must be a string' }]);
    });

    it('names project when it is missing', () => {
      const e = errorOf(() => resolveConfig({ apiKey: 'k' }, {}));
      expect(e.fields).to.deep.equal(['project']);
      expect(e.message).to.contain('project');
    });

    it('needs no apiKey for a collector on this machine (loopback), and still does for any other', () => {
      for (const serverUrl of ['http://127.0.0.1:4318', 'http://localhost:4318/', 'http://[::1]:4318'])
        expect(resolveConfig({ project: 'p', serverUrl }, {}).apiKey, serverUrl).to.equal(undefined);
      expect(resolveConfig({ project: 'p' }, { HH_API_URL: 'http://127.0.0.1:9999' }).serverUrl).to.equal(
        'http://127.0.0.1:9999',
      );
      for (const serverUrl of [
        'https://api.honeyhive.ai',
        'http://10.0.0.5:4318',
        'http://127.0.0.1.example.com',
      ])
        expect(errorOf(() => resolveConfig({ project: 'p', serverUrl }, {})).fields, serverUrl).to.deep.equal(
          ['apiKey'],
        );
    });

    it('names apiKey when it is missing outside test mode', () => {
      expect(errorOf(() => resolveConfig({ project: 'p' }, {})).fields).to.deep.equal(['apiKey']);
    });

    it('names sessionId when it is not a UUID outside test mode', () => {
      const e = errorOf(() => resolveConfig({ ...base, sessionId: 'sess_abc' }, {}));
      expect(e.fields).to.deep.equal(['sessionId']);
      expect(e.message).to.match(/sessionId: must be a UUID/);
    });

    it('names every bad field at once', () => {
      const e = errorOf(() => resolveConfig({ sessionId: 'nope', serverUrl: 'ftp://x', sampleRate: 3 }, {}));
      expect(e.fields).to.include.members(['project', 'apiKey', 'sessionId', 'serverUrl', 'sampleRate']);
      for (const f of e.fields) expect(e.message).to.contain(f);
    });

    it('names fields of a config object with their prefix', () => {
      const e = errorOf(() =>
        resolveConfig({ ...base, config: new TracerConfig({ verbose: 'yes' as unknown as boolean }) }, {}),
      );
      expect(e.fields).to.deep.equal(['config.verbose']);
    });

    it('in test mode replaces a non-UUID sessionId and warns instead', () => {
      const warnings = captureWarnings();
      const c = resolveConfig({ project: 'p', testMode: true, sessionId: 'sess_abc' }, {});
      expect(c.sessionId).to.equal(undefined);
      expect(warnings.join()).to.contain('sessionId');
    });

    it('accepts a UUID sessionId', () => {
      expect(resolveConfig({ ...base, sessionId: UUID }, {}).sessionId).to.equal(UUID);
    });
  });
});
