import { expect } from 'chai';
import { DEFAULT_CAPTURE_LIMITS } from '../../lib/capture/CaptureOptions';
import { Capturer } from '../../lib/capture/Capturer';
import { flattenAttributes } from '../../lib/capture/flatten-attributes';
import { compileRedaction } from '../../lib/capture/redaction';
import { MARK, sanitize } from '../../lib/capture/sanitize';

const L = DEFAULT_CAPTURE_LIMITS;
const redact = compileRedaction({ enabled: true });

function capture(value: unknown, limits = L) {
  return new Capturer(limits, { enabled: true }).attributes('honeyhive_inputs', value, {});
}

function withinLimits(attrs: Record<string, unknown>, limits = L): void {
  const keys = Object.keys(attrs);
  expect(keys.length).to.be.at.most(limits.maxAttributesPerNamespace);
  let bytes = 0;
  for (const [k, v] of Object.entries(attrs)) {
    bytes += k.length + (typeof v === 'string' ? v.length : 8);
    if (typeof v === 'string') expect(v.length).to.be.at.most(limits.maxStringLength + 80);
  }
  expect(bytes).to.be.at.most(limits.maxBytesPerSpan + limits.maxStringLength + 80);
}

describe('capture', () => {
  describe('torture list: never throws, stays within limits, marks what it cut', () => {
    const cyclic: any = { name: 'a' };
    cyclic.self = cyclic;
    const shared = { x: 1 };
    const deep: any = {};
    let cur = deep;
    for (let i = 0; i < 10_000; i++) cur = cur.next = {};
    class Customer {
      constructor(
        public id = 7,
        public tier = 'gold',
      ) {}
    }
    const throwingGetter = Object.defineProperty({ ok: 1 }, 'bad', {
      enumerable: true,
      get() {
        throw new Error('getter exploded');
      },
    });
    const hostileProxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no keys for you');
        },
        get() {
          throw new Error('no get');
        },
        getPrototypeOf() {
          throw new Error('no proto');
        },
      },
    );
    const badToJSON = {
      toJSON() {
        throw new Error('toJSON exploded');
      },
    };
    const cases: Array<[string, unknown, (attrs: Record<string, unknown>) => void]> = [
      ['a cycle (marked)', cyclic, (a) => expect(a['honeyhive_inputs.self']).to.equal(MARK.circular)],
      [
        'a shared reference (not a cycle)',
        { a: shared, b: shared },
        (a) => expect(a['honeyhive_inputs.b.x']).to.equal(1),
      ],
      [
        'BigInt',
        { n: 12345678901234567890n },
        (a) => expect(a['honeyhive_inputs.n']).to.equal('12345678901234567890n'),
      ],
      ['Symbol', { s: Symbol('tag') }, (a) => expect(a['honeyhive_inputs.s']).to.equal('Symbol(tag)')],
      [
        'Map',
        {
          m: new Map<unknown, unknown>([
            ['k', 1],
            [2, 'two'],
          ]),
        },
        (a) => expect(a['honeyhive_inputs.m.k']).to.equal(1),
      ],
      ['Set', { s: new Set([1, 2]) }, (a) => expect(a['honeyhive_inputs.s.1']).to.equal(2)],
      [
        'Date',
        { d: new Date(0) },
        (a) => expect(a['honeyhive_inputs.d']).to.equal('1970-01-01T00:00:00.000Z'),
      ],
      [
        'an invalid Date',
        { d: new Date(NaN) },
        (a) => expect(a['honeyhive_inputs.d']).to.equal('Invalid Date'),
      ],
      [
        'an Error with a cause',
        { e: new Error('outer', { cause: new TypeError('inner') }) },
        (a) => {
          expect(a['honeyhive_inputs.e.message']).to.equal('outer');
          expect(a['honeyhive_inputs.e.cause.name']).to.equal('TypeError');
          expect(String(a['honeyhive_inputs.e.stack'])).to.contain('outer');
        },
      ],
      [
        'a Buffer (summarised)',
        { b: Buffer.alloc(1e6) },
        (a) => expect(a['honeyhive_inputs.b']).to.equal('[Buffer byteLength=1000000]'),
      ],
      [
        'a typed array (summarised)',
        { t: new Float32Array(10) },
        (a) => expect(a['honeyhive_inputs.t']).to.equal('[Float32Array byteLength=40]'),
      ],
      [
        'a class instance (class name kept)',
        { c: new Customer() },
        (a) => expect(a['honeyhive_inputs.c.__class']).to.equal('Customer'),
      ],
      [
        'a function',
        { f: function named() {} },
        (a) => expect(a['honeyhive_inputs.f']).to.equal('[Function named]'),
      ],
      ['a Promise', { p: Promise.resolve(1) }, (a) => expect(a['honeyhive_inputs.p']).to.equal('[Promise]')],
      [
        'a throwing getter (not invoked)',
        throwingGetter,
        (a) => expect(a['honeyhive_inputs.bad']).to.equal(MARK.getter),
      ],
      [
        'a hostile Proxy (no trap runs)',
        { p: hostileProxy },
        (a) => expect(a['honeyhive_inputs.p']).to.equal(MARK.proxy),
      ],
      [
        'a throwing toJSON',
        { j: badToJSON },
        (a) => expect(String(a['honeyhive_inputs.j'])).to.contain('toJSON threw'),
      ],
      [
        'a 1e6-element array',
        { big: Array.from({ length: 1e6 }, (_, i) => i) },
        (a) => expect(JSON.stringify(a)).to.contain(MARK.moreItems(1e6 - L.maxItemsPerContainer)),
      ],
      ['1e4-deep nesting', { deep }, (a) => expect(JSON.stringify(a)).to.contain('next')],
      [
        'a 1 MB string',
        { s: 'x'.repeat(1 << 20) },
        (a) => expect(String(a['honeyhive_inputs.s'])).to.contain('…[truncated'),
      ],
    ];
    for (const [label, value, check] of cases) {
      it(`handles ${label}`, () => {
        const attrs = capture(value);
        withinLimits(attrs);
        check(attrs);
      });
    }

    it('with invokeGetters, reports a throwing getter and a hostile Proxy instead of throwing', () => {
      const c = new Capturer(L, { enabled: true }, true);
      expect(String(c.attributes('honeyhive_inputs', throwingGetter, {})['honeyhive_inputs.bad'])).to.contain(
        'getter exploded',
      );
      expect(
        String(c.attributes('honeyhive_inputs', { p: hostileProxy }, {})['honeyhive_inputs.p']),
      ).to.match(/Unserializable|Thrown/);
    });

    it('never mutates what it captures', () => {
      const value = { a: [1, { b: 2 }], password: 'x', m: new Map([['k', { v: 1 }]]) };
      const before = JSON.stringify(value, (_k, v) => (v instanceof Map ? [...v] : v));
      capture(value);
      expect(JSON.stringify(value, (_k, v) => (v instanceof Map ? [...v] : v))).to.equal(before);
    });

    it('does not call then on a thenable', () => {
      let called = false;
      const thenable = {
        then() {
          called = true;
        },
      };
      capture({ q: thenable });
      expect(called).to.equal(false);
    });
  });

  describe('limits', () => {
    it('past maxDepth keeps the rest as one bounded JSON string', () => {
      const a = capture({ l1: { l2: { l3: { l4: 'deep' } } } }, { ...L, maxDepth: 2 });
      expect(a['honeyhive_inputs.l1.l2']).to.equal('{"l3":{"l4":"deep"}}');
    });

    it('past maxAttributesPerNamespace writes the rest under __truncated with a marker', () => {
      const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
      const a = capture(many, { ...L, maxAttributesPerNamespace: 10 });
      expect(Object.keys(a)).to.have.length(10);
      expect(a['honeyhive_inputs.__truncated']).to.contain('k49').and.contain('truncated');
    });

    it('bounds the bytes of a span across several captures', () => {
      const capturer = new Capturer({ ...L, maxBytesPerSpan: 2000 }, { enabled: true });
      const span = {};
      let total = 0;
      for (let i = 0; i < 20; i++) {
        const attrs = capturer.attributes(`honeyhive_inputs.a${i}`, 'y'.repeat(500), span);
        total += Object.entries(attrs).reduce((n, [k, v]) => n + k.length + String(v).length, 0);
      }
      expect(total).to.be.lessThan(2000 + 2 * (L.maxStringLength + 100));
    });

    it('reads no more of a 200,000-item array and a 200,000-key object than the limits keep, listing the keys once', () => {
      // counted through Proxies (looked into with invokeGetters): work, not wall-clock time
      let reads = 0;
      let listings = 0;
      const counted = <T extends object>(target: T): T =>
        new Proxy(target, {
          get: (t, k, r) => (reads++, Reflect.get(t, k, r)),
          ownKeys: (t) => (listings++, Reflect.ownKeys(t)),
        });
      const dict: Record<string, number> = {};
      for (let i = 0; i < 200_000; i++) dict[`k${i}`] = i;
      const capturer = new Capturer(L, { enabled: true }, true);
      const attrs = capturer.attributes(
        'honeyhive_inputs',
        { arr: counted(Array.from({ length: 200_000 }, (_, i) => i)), dict: counted(dict) },
        {},
      );
      withinLimits(attrs);
      expect(listings).to.equal(1);
      // each kept item or key read once, plus a few probes (length, then, toJSON…)
      expect(reads).to.be.below(2 * L.maxItemsPerContainer + 20);
    });
  });

  describe('redaction', () => {
    it('redacts keys that look like secrets by default, keeping token counters', () => {
      const a = capture({
        password: 'p',
        apiKey: 'k',
        api_key: 'k',
        Authorization: 'Bearer x',
        cookie: 'c',
        client_secret: 's',
        access_token: 't',
        max_tokens: 256,
        total_tokens: 12,
        nested: { refreshToken: 'r', ok: 1 },
      });
      for (const k of [
        'password',
        'apiKey',
        'api_key',
        'Authorization',
        'cookie',
        'client_secret',
        'access_token',
        'nested.refreshToken',
      ]) {
        expect(a[`honeyhive_inputs.${k}`], k).to.equal('[REDACTED]');
      }
      expect(a['honeyhive_inputs.max_tokens']).to.equal(256);
      expect(a['honeyhive_inputs.total_tokens']).to.equal(12);
      expect(a['honeyhive_inputs.nested.ok']).to.equal(1);
    });

    it('takes extra patterns and a function, and can be turned off', () => {
      const custom = new Capturer(L, {
        patterns: ['email', /^ssn$/],
        shouldRedact: (k) => (k === 'keepme_password' ? false : undefined),
      });
      const a = custom.attributes(
        'honeyhive_inputs',
        { email: 'a@b', ssn: '1', keepme_password: 'visible', other: 1 },
        {},
      );
      expect(a['honeyhive_inputs.email']).to.equal('[REDACTED]');
      expect(a['honeyhive_inputs.ssn']).to.equal('[REDACTED]');
      expect(a['honeyhive_inputs.keepme_password']).to.equal('visible');
      const off = new Capturer(L, { enabled: false }).attributes('honeyhive_inputs', { password: 'p' }, {});
      expect(off['honeyhive_inputs.password']).to.equal('p');
    });

    it('a throwing shouldRedact falls back to the default rule', () => {
      const rule = compileRedaction({
        shouldRedact: () => {
          throw new Error('x');
        },
      })!;
      expect(rule('password', [])).to.equal(true);
      expect(rule('name', [])).to.equal(false);
    });
  });

  describe('flattenAttributes', () => {
    it('flattens objects by key, arrays by index, skips null', () => {
      const safe = sanitize({ a: { b: 1 }, list: ['x', { y: true }], n: null }, L, redact);
      expect(flattenAttributes('honeyhive_metadata', safe, L)).to.deep.equal({
        'honeyhive_metadata.a.b': 1,
        'honeyhive_metadata.list.0': 'x',
        'honeyhive_metadata.list.1.y': true,
      });
    });
  });
});
