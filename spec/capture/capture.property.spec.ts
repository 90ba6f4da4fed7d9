import { expect } from 'chai';
import * as fc from 'fast-check';
import { DEFAULT_CAPTURE_LIMITS } from '../../lib/capture/CaptureOptions';
import { Capturer } from '../../lib/capture/Capturer';
import { MARK } from '../../lib/capture/sanitize';
import { decodeCompact } from '../../lib/capture/compact-json';
import { unflattenAttributes } from '../../lib/capture/unflatten-attributes';

/** Captures `value` compactly under `key` into a record (a span stand-in with a budget). */
function compact(capturer: Capturer, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  capturer.captureCompact(
    { setAttribute: (k: string, v: unknown) => (out[k] = v) },
    'honeyhive_inputs.v',
    value,
  );
  return out;
}

const small = {
  maxDepth: 4,
  maxAttributesPerNamespace: 40,
  maxStringLength: 64,
  maxJsonLength: 600,
  maxBytesPerSpan: 4000,
  maxItemsPerContainer: 8,
};

const limitsArb = fc.record({
  maxDepth: fc.integer({ min: 1, max: 10 }),
  maxAttributesPerNamespace: fc.integer({ min: 2, max: 100 }),
  maxStringLength: fc.integer({ min: 1, max: 200 }),
  maxJsonLength: fc.integer({ min: 2, max: 2000 }),
  maxBytesPerSpan: fc.integer({ min: 50, max: 10_000 }),
  maxItemsPerContainer: fc.integer({ min: 1, max: 20 }),
});

/** Plain JSON with keys that cannot collide with the dotted-path encoding. */
const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/).filter((k) => k !== '__proto__' && k !== '__class');
const leaf = fc.oneof(
  fc.string({ maxLength: 20 }).filter((s) => s !== '{}' && s !== '[]'),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
);
const { json } = fc.letrec((tie) => ({
  json: fc.oneof({ depthSize: 'small' }, leaf, tie('arr'), tie('obj')),
  arr: fc.array(tie('json'), { maxLength: 4 }),
  obj: fc.dictionary(key, tie('json'), { maxKeys: 4 }),
}));

describe('capture (properties)', () => {
  it('never throws, whatever the value', () => {
    const capturer = new Capturer(small, { enabled: true });
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withTypedArray: true,
          withSparseArray: true,
          withNullPrototype: true,
        }),
        (v) => {
          capturer.attributes('honeyhive_inputs', v, {});
        },
      ),
      { numRuns: 500 },
    );
  });

  it('always stays within the limits', () => {
    fc.assert(
      fc.property(limitsArb, fc.anything({ withBigInt: true, withMap: true, withSet: true }), (limits, v) => {
        const attrs = new Capturer(limits, { enabled: true }).attributes('honeyhive_inputs', { v }, {});
        expect(Object.keys(attrs).length).to.be.at.most(limits.maxAttributesPerNamespace);
        for (const value of Object.values(attrs)) {
          if (typeof value === 'string') expect(value.length).to.be.at.most(limits.maxStringLength + 80);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps plain JSON within limits unchanged through flatten and unflatten', () => {
    const limits = { ...DEFAULT_CAPTURE_LIMITS, maxDepth: 12 };
    fc.assert(
      fc.property(fc.dictionary(key, json, { minKeys: 1, maxKeys: 5 }), (value) => {
        const attrs = new Capturer(limits, { enabled: false }).attributes('honeyhive_metadata', value, {});
        expect(unflattenAttributes(attrs, 'honeyhive_metadata')).to.deep.equal(value);
      }),
      { numRuns: 500 },
    );
  });

  it('compact capture never throws, never changes the value, and stays valid JSON within maxJsonLength', () => {
    fc.assert(
      fc.property(
        limitsArb,
        fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true }),
        (limits, v) => {
          const before = fc.stringify(v);
          const attrs = compact(new Capturer(limits, { enabled: true }), { v });
          expect(fc.stringify(v)).to.equal(before);
          const out = attrs['honeyhive_inputs.v'];
          if (typeof out !== 'string') return;
          // within the JSON bound (and what the span had left), give or take 64 characters
          expect(out.length).to.be.at.most(
            Math.max(Math.min(limits.maxJsonLength, limits.maxBytesPerSpan) + 64, MARK.budget.length),
          );
          // an object or array reads back as one (valid JSON), unless the budget left no room at all
          if (/^[[{]/.test(out) && out !== MARK.budget)
            expect(() => JSON.parse(out) as unknown).not.to.throw();
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps plain JSON within limits unchanged through compact capture and decoding', () => {
    const limits = { ...DEFAULT_CAPTURE_LIMITS, maxDepth: 12 };
    fc.assert(
      fc.property(fc.dictionary(key, json, { minKeys: 1, maxKeys: 5 }), (value) => {
        const attrs = compact(new Capturer(limits, { enabled: false }), value);
        expect(decodeCompact(attrs['honeyhive_inputs.v'])).to.deep.equal(value);
      }),
      { numRuns: 500 },
    );
  });
});
