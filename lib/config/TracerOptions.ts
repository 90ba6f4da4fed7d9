import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { RedactionOptions } from '../capture/CaptureOptions';
import type { EvaluationConfig } from './EvaluationConfig';
import type { SessionConfig } from './SessionConfig';
import type { TracerConfig } from './TracerConfig';

/**
 * What `HoneyHiveTracer.init` takes: any `TracerConfig` field directly (these win), plus config
 * objects. Precedence: explicit option > config object > environment > default.
 */
export interface TracerOptions extends Partial<Omit<TracerConfig, never>> {
  /** A tracer config object; fields given directly beside it win. */
  config?: TracerConfig | Partial<TracerConfig> | undefined;
  /** Session settings; beat `config`, lose to explicit options. */
  sessionConfig?: SessionConfig | Partial<SessionConfig> | undefined;
  /** Evaluation settings; beat `config`, lose to explicit options. */
  evaluationConfig?: EvaluationConfig | Partial<EvaluationConfig> | undefined;
  /** Skip `POST /session/start` (join a session someone else started). */
  skipSessionStart?: boolean | undefined;
  /**
   * Replaces the OTLP/HTTP exporter (for another backend, or a no-op in benchmarks). hivetrace's
   * queue, batching, delivery counters and `flush()` still apply around it.
   */
  exporter?: SpanExporter | undefined;
  /** Extra processors on the tracer's provider, added after hivetrace's own. */
  spanProcessors?: SpanProcessor[] | undefined;
  /**
   * Incoming baggage entries (besides HoneyHive's own keys) copied onto every span as
   * `baggage.<key>`, through the capture limits and redaction: a list of keys or a predicate.
   * None by default: baggage is written by callers, so it is not trusted with span space.
   */
  baggageAttributes?: readonly string[] | ((key: string) => boolean);
  /**
   * Redaction rules of your own and default rules turned off, merged over `capture.redaction`:
   * `{ keys: ['ssn', /^x-internal-/i], values: [/ACME-[0-9]{8}/g], disable: ['pin'] }`.
   */
  redaction?: Pick<RedactionOptions, 'keys' | 'values' | 'disable'> | undefined;
}
