import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { expect } from 'chai';
import * as fc from 'fast-check';
import * as protobuf from 'protobufjs';
import { BadRequestError } from '../../lib/collector/ingest/bad-request';
import { readOtlpSpans } from '../../lib/collector/ingest/otlp-span';
import { readProtoSpans } from '../../lib/collector/ingest/read-proto-spans';
import { ByteWriter } from '../../lib/export/otlp/ByteWriter';
import { SpanEncoder } from '../../lib/export/otlp/encode-spans';
import { decodeTraceRequest, OTLP_TRACE_PROTO } from '../helpers/otlp-proto';
import { sampleSpans } from '../helpers/sample-spans';

/** What the collector read before: protobufjs's decoding, read as OTLP/JSON. */
const reference = (body: Uint8Array) => readOtlpSpans(decodeTraceRequest(body));

const Request = protobuf
  .parse(OTLP_TRACE_PROTO, { keepCase: false })
  .root.lookupType('opentelemetry.proto.ExportTraceServiceRequest');

/** A request built field by field with protobufjs, for the values no SDK sends. */
function handMade(spans: object[], resourceAttributes: object[] = []): Uint8Array {
  return Request.encode(
    Request.fromObject({
      resourceSpans: [
        {
          resource: { attributes: resourceAttributes },
          scopeSpans: [
            {
              scope: { name: 'hand', version: '0.1', attributes: [{ key: 'k', value: { boolValue: true } }] },
              spans,
            },
          ],
        },
      ],
    }),
  ).finish();
}

const ids = { traceId: Buffer.from('ab'.repeat(16), 'hex'), spanId: Buffer.from('cd'.repeat(8), 'hex') };

describe('collector protobuf reader (readProtoSpans)', () => {
  it('reads what hivetrace and OpenTelemetry encoders write exactly as protobufjs + the JSON reader did', () => {
    const spans = sampleSpans();
    for (const body of [new SpanEncoder().encode(spans), ProtobufTraceSerializer.serializeRequest(spans)!]) {
      expect(readProtoSpans(body)).to.deep.equal(reference(body));
    }
  });

  it('reads edge values the same: 64-bit ints, NaN and infinities, bytes, nesting, odd keys, no name', () => {
    const body = handMade(
      [
        {
          ...ids,
          parentSpanId: Buffer.alloc(0),
          kind: 3,
          startTimeUnixNano: '1796475824982000123',
          endTimeUnixNano: '18446744073709551615',
          attributes: [
            { key: 'minInt', value: { intValue: '-9223372036854775808' } },
            { key: 'maxInt', value: { intValue: '9223372036854775807' } },
            { key: 'negSmall', value: { intValue: -5 } },
            { key: 'safe', value: { intValue: 9007199254740991 } },
            { key: 'nan', value: { doubleValue: NaN } },
            { key: 'inf', value: { doubleValue: -Infinity } },
            { key: 'bytes', value: { bytesValue: Buffer.from([0, 1, 2, 255]) } },
            {
              key: 'nested',
              value: {
                kvlistValue: {
                  values: [{ key: 'a', value: { arrayValue: { values: [{ stringValue: 'x' }, {}] } } }],
                },
              },
            },
            { key: '__proto__', value: { stringValue: 'stays a key' } },
            { key: '', value: { stringValue: 'no key: skipped' } },
            { key: 'empty' },
          ],
          events: [{ timeUnixNano: '1000000', name: '', attributes: [] }],
          links: [
            {
              traceId: ids.traceId,
              spanId: ids.spanId,
              traceState: 'a=b',
              attributes: [{ key: 'l', value: { intValue: 1 } }],
            },
          ],
          status: { code: 2, message: 'boom' },
          droppedAttributesCount: 3,
          droppedEventsCount: 4,
          droppedLinksCount: 5,
        },
      ],
      [{ key: 'service.name', value: { stringValue: 'svc' } }],
    );
    const ours = readProtoSpans(body);
    expect(ours).to.deep.equal(reference(body));
    expect(ours[0]!.name).to.equal('span');
    expect(ours[0]!.attributes.minInt).to.equal('-9223372036854775808');
    expect(Object.prototype.hasOwnProperty.call(ours[0]!.attributes, '__proto__')).to.equal(true);
  });

  it('answers a BadRequestError, never anything else, for every truncation of a valid body and for random bytes', () => {
    const body = new SpanEncoder().encode(sampleSpans().slice(0, 2));
    for (let n = 0; n < body.length; n += 7) {
      try {
        readProtoSpans(body.subarray(0, n));
      } catch (err) {
        expect(err).to.be.instanceOf(BadRequestError);
      }
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        try {
          readProtoSpans(bytes);
        } catch (err) {
          expect(err).to.be.instanceOf(BadRequestError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses values nested deeper than the collector accepts', () => {
    // written by hand: protobufjs itself will not encode this deep
    const nest = (w: ByteWriter, depth: number): void => {
      if (depth === 0) {
        w.tag(1, 2);
        w.string('leaf');
        return;
      }
      w.tag(5, 2); // array_value
      const array = w.begin();
      w.tag(1, 2); // values
      const item = w.begin();
      nest(w, depth - 1);
      w.end(item);
      w.end(array);
    };
    const message = (w: ByteWriter, field: number, body: () => void): void => {
      w.tag(field, 2);
      const at = w.begin();
      body();
      w.end(at);
    };
    const w = new ByteWriter();
    message(w, 1, () =>
      message(w, 2, () =>
        message(w, 2, () => {
          w.tag(1, 2);
          w.hex('ab'.repeat(16));
          w.tag(2, 2);
          w.hex('cd'.repeat(8));
          message(w, 9, () => {
            w.tag(1, 2);
            w.string('deep');
            message(w, 2, () => nest(w, 80));
          });
        }),
      ),
    );
    expect(() => readProtoSpans(w.take())).to.throw(BadRequestError, /nest deeper/);
  });
});
