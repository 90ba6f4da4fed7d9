import { expect } from 'chai';
import { Capturer } from '../../lib/capture/Capturer';
import { DEFAULT_CAPTURE_LIMITS as L } from '../../lib/capture/CaptureOptions';
import type { RedactionOptions } from '../../lib/capture/CaptureOptions';
import { traced } from '../../lib/decorators/traced';
import { createTestTracer } from '../../lib/testing/create-test-tracer';
import type { TestTracerKit } from '../../lib/testing/create-test-tracer';

const capture = (value: unknown, redaction: RedactionOptions = {}) =>
  new Capturer(L, redaction).attributes('honeyhive_inputs', value, {});

/** Names that hold secrets: the 17 caught before and the 16 that leaked. */
const SECRET_NAMES = [
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'client_secret',
  'access_token',
  'refreshToken',
  'apiKey',
  'api_key',
  'X-API-KEY',
  'Authorization',
  'cookie',
  'set-cookie',
  'credentials',
  'private_key',
  'credit_card',
  'cvv',
  'auth_header',
  'authHeader',
  'bearer',
  'jwt',
  'pass',
  'key',
  'accessKey',
  'access_key_id',
  'openaiKey',
  'tokens',
  'signature',
  'connectionString',
  'dsn',
  'pin',
  'otp',
  'iban',
];

/** Names an LLM app uses for ordinary data. */
const PLAIN_NAMES = [
  'max_tokens',
  'total_tokens',
  'prompt_tokens',
  'completion_tokens',
  'token_count',
  'pass_rate',
  'passRate',
  'author',
  'monkey',
  'keyboard',
  'keywords',
  'passage',
  'spinner',
  'sort_key',
  'cache_key',
  'primary_key',
  'tokenizer',
  'keys',
];

describe('secret redaction', () => {
  describe('by key name (case, _ and - normalised; word parts)', () => {
    for (const name of SECRET_NAMES) {
      it(`redacts ${name}`, () => {
        expect(capture({ [name]: 'value-1234' })[`honeyhive_inputs.${name}`]).to.equal('[REDACTED]');
      });
    }
    it('keeps ordinary names an LLM app uses', () => {
      const value = Object.fromEntries(PLAIN_NAMES.map((n) => [n, 7]));
      const a = capture(value);
      for (const n of PLAIN_NAMES) expect(a[`honeyhive_inputs.${n}`], n).to.equal(7);
    });
  });

  describe('by value, whatever the key', () => {
    const cases: Array<[string, string, string]> = [
      ['a bearer token', 'sent Bearer abcdef123456.xyz to the API', 'sent Bearer [REDACTED] to the API'],
      ['basic credentials', 'header Basic dXNlcjpwYXNz', 'header Basic [REDACTED]'],
      [
        'a URL with credentials (the URL stays)',
        'connect to postgres://app:s3cr3t@db.internal:5432/main now',
        'connect to postgres://app:[REDACTED]@db.internal:5432/main now',
      ],
      ['an OpenAI key', 'key=sk-proj-abcdefghijklmnop1234 end', 'key=[REDACTED] end'],
      ['an AWS access key', 'id AKIAIOSFODNN7EXAMPLE here', 'id [REDACTED] here'],
      [
        'a JWT',
        'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U ok',
        'token [REDACTED] ok',
      ],
      [
        'a PEM private key',
        'pem -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY----- tail',
        'pem [REDACTED] tail',
      ],
    ];
    for (const [label, input, output] of cases) {
      it(`masks ${label}`, () => {
        expect(capture({ note: input })['honeyhive_inputs.note']).to.equal(output);
      });
    }
    it('leaves ordinary text alone', () => {
      const text =
        'Basic plan, Basic configuration, Bearer tokens are short-lived, sk-8 skiing, user@example.com, https://example.com/a:b';
      expect(capture({ note: text })['honeyhive_inputs.note']).to.equal(text);
    });
  });

  describe('rules of your own', () => {
    it('adds key and value rules and turns default rules off by name', () => {
      const a = capture(
        { employee_no: 'E1', note: 'ref ACME-12345678', pin: '1234', auth: 'Bearer abcdefgh' },
        { keys: ['employee'], values: [/ACME-[0-9]{8}/], disable: ['pin', 'auth', 'value:bearer'] },
      );
      expect(a['honeyhive_inputs.employee_no']).to.equal('[REDACTED]');
      expect(a['honeyhive_inputs.note']).to.equal('ref [REDACTED]');
      expect(a['honeyhive_inputs.pin']).to.equal('1234');
      expect(a['honeyhive_inputs.auth']).to.equal('Bearer abcdefgh');
    });
  });

  describe('everywhere a value is captured', () => {
    let kit: TestTracerKit;
    afterEach(() => kit?.tracer.close());
    const secret = 'sk-live-abcdefghijklmnopqrstu';

    it('in arguments, results, enrichment, error messages and stacks', () => {
      kit = createTestTracer({ redaction: { values: [{ pattern: /hunter2/, replace: '***' }] } });
      const fn = traced(function leaky(text: string) {
        kit.tracer.enrichSpan({ metadata: { seen: `with ${secret}` } });
        if (text === 'boom') throw new Error(`failed calling with ${secret} and hunter2`);
        return `echo ${secret}`;
      });
      fn(`use ${secret}`);
      expect(() => fn('boom')).to.throw(Error, secret); // the caller's error is untouched
      const [ok, failed] = kit.spans();
      const everything = JSON.stringify([ok, failed]);
      expect(everything).not.to.contain(secret);
      expect(everything).not.to.contain('hunter2');
      expect(ok!.inputs).to.deep.equal({ text: 'use [REDACTED]' });
      expect(ok!.outputs).to.deep.equal({ result: 'echo [REDACTED]' });
      expect(ok!.metadata).to.deep.equal({ seen: 'with [REDACTED]' });
      expect(failed!.error).to.equal('Error: failed calling with [REDACTED] and ***');
    });

    it('in the exception event (message and stack) and the session enrichment', async () => {
      kit = createTestTracer();
      const fn = traced(function boom() {
        throw new Error(`token Bearer ${secret}`);
      });
      expect(() => fn()).to.throw();
      kit.tracer.enrichSession({ metadata: { db: 'postgres://u:pw1234@h/db' } });
      await kit.tracer.flush();
      const span = kit.spans()[0]!;
      expect(JSON.stringify(span.events ?? span)).not.to.contain(secret);
      expect(JSON.stringify(kit.sessionUpdates())).to.contain('postgres://u:[REDACTED]@h/db');
    });
  });
});
