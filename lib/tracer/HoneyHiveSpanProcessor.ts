import type { Baggage, Context } from '@opentelemetry/api';
import { propagation } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Capturer } from '../capture/Capturer';
import { truncateString } from '../capture/sanitize';
import type { ExperimentFields } from '../semconv/honeyhive';
import { ATTR, BAGGAGE, experimentAttributes, NAMESPACES } from '../semconv/honeyhive';
import type { ContextAttributes } from './context-attributes';
import { getContextAttributes } from './context-attributes';

/** What the processor needs to know about its tracer. */
export interface SpanStampSource {
  readonly project: string;
  readonly source: string;
  readonly sessionId: string;
  readonly sessionName: string;
  readonly evaluation: Readonly<Record<string, string>> | undefined;
  readonly capturer: Capturer;
  /** Which other baggage entries become `baggage.<key>` attributes (none by default). */
  readonly baggageAllowed: (key: string) => boolean;
  /** The online experiment every span is tagged with, if any. */
  readonly experiment: Readonly<ExperimentFields> | undefined;
}

const OWN_BAGGAGE = new Set<string>(Object.values(BAGGAGE));

/** What every span of a tracer gets stamped with, resolved once (settings never change). */
interface StaticStamps {
  readonly project: string;
  readonly source: string;
  readonly sessionName: string;
  /** `honeyhive_metadata.<id>` attributes of an evaluation tracer. */
  readonly evaluation: readonly (readonly [string, string])[];
  /** `honeyhive.experiment_*` attributes of the tracer's experiment. */
  readonly experiment: readonly (readonly [string, string | number | boolean])[];
}

/** Longest session id accepted from context or baggage (a UUID has 36 characters). */
const MAX_SESSION_ID_LENGTH = 128;

function staticStamps(t: SpanStampSource): StaticStamps {
  const max = t.capturer.limits.maxStringLength;
  return {
    project: truncateString(t.project, max),
    source: truncateString(t.source, max),
    sessionName: truncateString(t.sessionName, max),
    evaluation: Object.entries(t.evaluation ?? {}).map(
      ([k, v]) => [`${NAMESPACES.metadata}.${k}`, v] as const,
    ),
    experiment: t.experiment ? experimentAttributes(t.experiment) : [],
  };
}
const EVAL_KEYS = [BAGGAGE.runId, BAGGAGE.datasetId, BAGGAGE.datapointId] as const;

/**
 * Stamps every span of its tracer at start (ours and third-party instrumentors' alike, since it
 * sits in the tracer's own provider) with session, project, source, evaluation ids, baggage and
 * `withAttributes` context, and remembers which spans belong to the tracer so that another
 * tracer never adopts them as parents.
 */
export class HoneyHiveSpanProcessor implements SpanProcessor {
  /** The provider's resource: every span the provider starts carries this very object. */
  private resource: object | undefined;
  private statics: StaticStamps | undefined;
  private readonly experiments = new WeakMap<
    ContextAttributes,
    readonly (readonly [string, string | number | boolean])[]
  >();

  constructor(private readonly tracer: SpanStampSource) {}

  /** True when `span` was started by this processor's provider (it carries the provider's resource). */
  owns(span: object): boolean {
    return this.resource !== undefined && (span as { resource?: unknown }).resource === this.resource;
  }

  /** The session a span started in `ctx` belongs to. */
  sessionIdIn(ctx: Context): string {
    return this.sessionFrom(getContextAttributes(ctx), propagation.getBaggage(ctx));
  }

  private sessionFrom(attrs: ContextAttributes | undefined, bag: Baggage | undefined): string {
    if (attrs?.sessionId && attrs.sessionId.length <= MAX_SESSION_ID_LENGTH) return attrs.sessionId;
    const sid = bag?.getEntry(BAGGAGE.sessionId)?.value;
    // a caller's session id is taken only when it is id-sized (baggage is the caller's to write)
    if (sid && sid.length <= MAX_SESSION_ID_LENGTH) {
      const project = bag?.getEntry(BAGGAGE.project)?.value;
      if (project === undefined || project === this.tracer.project) return sid;
    }
    return this.tracer.sessionId;
  }

  onStart(span: Span, parentContext: Context): void {
    this.resource ??= span.resource;
    try {
      this.stamp(span, parentContext);
    } catch {
      // stamping is best effort; the span itself must go on
    }
  }

  private stamp(span: Span, ctx: Context): void {
    const st = (this.statics ??= staticStamps(this.tracer));
    const attrs = getContextAttributes(ctx);
    const bag = propagation.getBaggage(ctx);
    const sessionId = this.sessionFrom(attrs, bag);
    // The first attributes of a fresh span, all strings we bounded ourselves: written straight
    // into the span's attribute map, without seven rounds of validation (the span limits keep
    // room for them: RESERVED_ATTRIBUTES).
    const a = span.attributes as Record<string, string>;
    a[ATTR.sessionId] = sessionId;
    a[ATTR.tlSessionId] = sessionId;
    a[ATTR.project] = st.project;
    a[ATTR.tlProject] = st.project;
    a[ATTR.source] = st.source;
    a[ATTR.tlSource] = st.source;
    a[ATTR.sessionName] = st.sessionName;
    if (bag) this.stampBaggage(span, bag, st);
    else for (const [key, value] of st.evaluation) span.setAttribute(key, value);
    for (const [key, value] of st.experiment) span.setAttribute(key, value);
    if (attrs) this.stampContextAttributes(span, attrs);
  }

  /**
   * Baggage: evaluation ids override the tracer's. Other entries are the caller's to write, so
   * only allowlisted keys (`baggageAttributes`) become `baggage.<key>` attributes, and those pass
   * the capture limits and redaction like any captured value.
   */
  private stampBaggage(span: Span, bag: Baggage, st: StaticStamps): void {
    const evaluation = new Map(st.evaluation);
    for (const [key, entry] of bag.getAllEntries()) {
      if ((EVAL_KEYS as readonly string[]).includes(key))
        evaluation.set(`${NAMESPACES.metadata}.${key}`, entry.value);
      else if (!OWN_BAGGAGE.has(key) && this.tracer.baggageAllowed(key))
        this.tracer.capturer.capture(span, 'baggage', { [key]: entry.value });
    }
    for (const [key, value] of evaluation) span.setAttribute(key, value);
  }

  /** A `withAttributes` experiment's attributes, built once per scope (its attributes object is frozen). */
  private experimentOf(attrs: ContextAttributes): readonly (readonly [string, string | number | boolean])[] {
    let pairs = this.experiments.get(attrs);
    if (!pairs) {
      const max = this.tracer.capturer.limits.maxStringLength;
      pairs = experimentAttributes(attrs.experiment ?? {}).map(
        ([k, v]) => [k, typeof v === 'string' ? truncateString(v, max) : v] as const,
      );
      this.experiments.set(attrs, pairs);
    }
    return pairs;
  }

  private stampContextAttributes(span: Span, attrs: ContextAttributes): void {
    const cap = this.tracer.capturer;
    if (attrs.userId !== undefined) {
      span.setAttribute(ATTR.userId, attrs.userId);
      span.setAttribute(`${NAMESPACES.userProperties}.user_id`, attrs.userId);
    }
    if (attrs.metadata) cap.capture(span, NAMESPACES.metadata, attrs.metadata);
    if (attrs.userProperties) cap.capture(span, NAMESPACES.userProperties, attrs.userProperties);
    if (attrs.tags?.length) cap.capture(span, `${NAMESPACES.metadata}.tags`, attrs.tags);
    // a request's experiment (an A/B assignment) over the tracer's
    if (attrs.experiment) for (const [key, value] of this.experimentOf(attrs)) span.setAttribute(key, value);
  }

  /**
   * Stamps `honeyhive_duration_ms` from the span's own timing on every span that has none (ours
   * and instrumentors' alike): cheaper than a clock read and an attribute per call, and it covers
   * spans that never pass through hivetrace's wrapper. The span has ended, so its attributes are
   * written directly; nothing reads them before the processors that follow.
   */
  onEnd(span: ReadableSpan): void {
    const attributes = span.attributes as Record<string, unknown>;
    if (attributes[ATTR.durationMs] === undefined)
      attributes[ATTR.durationMs] = hrTimeToMilliseconds(span.duration);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
