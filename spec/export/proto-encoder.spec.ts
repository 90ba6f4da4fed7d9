import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { expect } from 'chai';
import { decodeTraceRequest } from '../helpers/otlp-proto';
import { provider, sampleSpans } from '../helpers/sample-spans';
import { SpanEncoder } from '../../lib/export/otlp/encode-spans';

/** What protobufjs reads from a body, for comparing two encoders. */
const decoded = (body: Uint8Array | undefined) => decodeTraceRequest(body!);

describe('hivetrace protobuf encoder (SpanEncoder)', () => {
  it('writes the same request OpenTelemetry serializer writes, as protobufjs reads it back', () => {
    const spans = sampleSpans();
    const ours = new SpanEncoder().encode(spans);
    expect(decoded(ours)).to.deep.equal(decoded(ProtobufTraceSerializer.serializeRequest(spans)));
  });

  it('stays byte-for-byte equivalent when the caches are warm, and over 10,000 spans (multi-byte lengths)', () => {
    const encoder = new SpanEncoder();
    const { exporter, tracer } = provider('batch');
    const t = tracer('batch');
    for (let i = 0; i < 10_000; i++) {
      const s = t.startSpan(`call ${i % 7}`, {
        attributes: {
          'honeyhive.session_id': `session-${i % 3}`,
          honeyhive_event_type: 'tool',
          'honeyhive_inputs.i': i,
          'honeyhive_inputs.doc': JSON.stringify({ i, body: 'lorem ipsum '.repeat(i % 50) }),
        },
      });
      s.end();
    }
    const spans = exporter.getFinishedSpans();
    const reference = decoded(ProtobufTraceSerializer.serializeRequest(spans));
    expect(decoded(encoder.encode(spans))).to.deep.equal(reference);
    // the second time every short value comes from the cache
    expect(decoded(encoder.encode(spans))).to.deep.equal(reference);
  });

  it('stays correct past the bounds of its caches (20,000 distinct attributes, 1,000 values of one key)', () => {
    const encoder = new SpanEncoder();
    const { exporter, tracer } = provider('many');
    const t = tracer('many');
    for (let i = 0; i < 20_000; i++)
      t.startSpan('k', { attributes: { [`key.${i % 5_000}`]: `v${i}` } }).end();
    for (let i = 0; i < 1_000; i++) t.startSpan('v', { attributes: { same: `value ${i}` } }).end();
    const spans = exporter.getFinishedSpans();
    expect(decoded(encoder.encode(spans))).to.deep.equal(
      decoded(ProtobufTraceSerializer.serializeRequest(spans)),
    );
  });

  it('encodes an empty batch as an empty request', () => {
    expect(new SpanEncoder().encode([])).to.have.length(0);
  });
});
