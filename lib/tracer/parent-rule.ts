import type { Context, SpanOptions } from '@opentelemetry/api';
import { isSpanContextValid, propagation, trace } from '@opentelemetry/api';

/**
 * The context a tracer starts a span in, and its links. A local span of another tracer is never
 * adopted as parent: the span starts a new trace with a link to it (`owns` tells our spans from
 * others). A remote parent (extracted from headers) is kept. While `linked` (tracer.link), a span
 * with no parent of its own continues the linked trace and baggage.
 */
export function parentFor(
  parent: Context,
  owns: (span: object) => boolean,
  linked: Context | undefined,
): { context: Context; links: SpanOptions['links'] } {
  let ctx = parent;
  let links: SpanOptions['links'];
  const active = trace.getSpan(parent);
  if (active) {
    const sc = active.spanContext();
    if (!sc.isRemote && !owns(active)) {
      ctx = trace.deleteSpan(parent);
      if (isSpanContextValid(sc))
        links = [{ context: sc, attributes: { 'hivetrace.link.reason': 'cross-tracer-caller' } }];
    }
  }
  if (linked && !trace.getSpan(ctx)) {
    const remote = trace.getSpan(linked);
    if (remote) ctx = trace.setSpan(ctx, remote);
    const bag = propagation.getBaggage(linked);
    if (bag && !propagation.getBaggage(ctx)) ctx = propagation.setBaggage(ctx, bag);
  }
  return { context: ctx, links };
}
