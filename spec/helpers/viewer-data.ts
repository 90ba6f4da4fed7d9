/**
 * What the viewer's browser specs look at, sent the way clients send it: OTLP/JSON over HTTP, the
 * hivetrace tracer, and `evaluate()`. A hostile payload sits in every field a person reads.
 */
import { evaluate, evaluator } from '../../lib';
import { HoneyHiveTracer } from '../../lib/tracer/HoneyHiveTracer';

/** Markup that would run if it were ever parsed: it must show as text. */
export const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
/** Start of the bulk sessions: 2026-11-20 10:00 UTC, one a minute. */
export const BULK_T0 = Date.UTC(2026, 10, 20, 10, 0, 0);
export const BULK = 250;
/** Prices the collector is started with (per million tokens). */
export const PRICES = { 'gpt-4o-mini': { input: 0.15, output: 0.6 } };

type Attr = { key: string; value: Record<string, unknown> };
const attr = (key: string, v: string | number | boolean): Attr => ({
  key,
  value:
    typeof v === 'string'
      ? { stringValue: v }
      : typeof v === 'boolean'
        ? { boolValue: v }
        : Number.isInteger(v)
          ? { intValue: v }
          : { doubleValue: v },
});
const nanos = (ms: number): string => `${BigInt(Math.round(ms * 1000)) * 1000n}`;

/** A span in OTLP/JSON. */
export interface SpanSpec {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startMs: number;
  durationMs: number;
  attributes?: Record<string, string | number | boolean>;
  events?: { name: string; atMs: number; attributes: Record<string, string> }[];
  links?: { traceId: string; spanId: string; attributes?: Record<string, string> }[];
  error?: string;
  kind?: number;
}

/** Posts spans as one OTLP/JSON request from a service. */
export async function postSpans(url: string, service: string, spans: SpanSpec[]): Promise<void> {
  const body = {
    resourceSpans: [
      {
        resource: { attributes: [attr('service.name', service), attr('deployment.environment', XSS)] },
        scopeSpans: [
          {
            scope: { name: 'viewer-spec', version: '1.0.0' },
            spans: spans.map((s) => ({
              traceId: s.traceId,
              spanId: s.spanId,
              parentSpanId: s.parentSpanId,
              name: s.name,
              kind: s.kind ?? 1,
              startTimeUnixNano: nanos(s.startMs),
              endTimeUnixNano: nanos(s.startMs + s.durationMs),
              attributes: Object.entries(s.attributes ?? {}).map(([k, v]) => attr(k, v)),
              events: (s.events ?? []).map((e) => ({
                name: e.name,
                timeUnixNano: nanos(s.startMs + e.atMs),
                attributes: Object.entries(e.attributes).map(([k, v]) => attr(k, v)),
              })),
              links: (s.links ?? []).map((l) => ({
                traceId: l.traceId,
                spanId: l.spanId,
                attributes: Object.entries(l.attributes ?? {}).map(([k, v]) => attr(k, v)),
              })),
              status: s.error ? { code: 2, message: s.error } : { code: 0 },
            })),
          },
        ],
      },
    ],
  };
  const res = await fetch(`${url}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`OTLP post answered ${res.status}: ${await res.text()}`);
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

/** 250 one-span sessions of project `bulk`, source `batch`, a minute apart, durations 1..250 ms. */
export async function seedBulk(url: string): Promise<void> {
  const spans: SpanSpec[] = [];
  for (let i = 0; i < BULK; i++)
    spans.push({
      traceId: hex(0xb000 + i, 32),
      spanId: hex(0xb000 + i, 16),
      name: `bulk ${String(i).padStart(3, '0')}`,
      startMs: BULK_T0 + i * 60_000,
      durationMs: i + 1,
      attributes: { 'honeyhive.project': 'bulk', 'honeyhive.source': 'batch', honeyhive_event_type: 'chain' },
    });
  await postSpans(url, 'bulk-service', spans);
}

/** Ids the specs look for. */
export interface SeededIds {
  chatSession: string;
  otelSession: string;
  linkedSession: string;
  linkedEventSpan: string;
}

/**
 * An OpenTelemetry GenAI client: a model call with messages, a tool call, tokens, a hostile
 * payload everywhere, an exception with its stack, a link to a stored span and one to a span
 * that is not stored.
 */
export async function seedOtel(
  url: string,
): Promise<Pick<SeededIds, 'otelSession' | 'linkedSession' | 'linkedEventSpan'>> {
  const now = Date.now() - 5_000;
  const trace = 'ab'.repeat(16);
  const linkedTrace = 'cd'.repeat(16);
  await postSpans(url, `otel-viewer ${XSS}`, [
    {
      traceId: linkedTrace,
      spanId: 'c1'.repeat(8),
      name: 'earlier request',
      startMs: now - 1000,
      durationMs: 40,
      attributes: { 'honeyhive.project': 'otel', 'honeyhive.session_id': 'linked-session' },
    },
    {
      traceId: trace,
      spanId: 'a1'.repeat(8),
      name: `agent turn ${XSS}`,
      startMs: now,
      durationMs: 900,
      kind: 2,
      attributes: {
        'honeyhive.project': 'otel',
        'honeyhive.session_id': 'otel-session',
        'honeyhive.source': XSS,
      },
      links: [
        { traceId: linkedTrace, spanId: 'c1'.repeat(8), attributes: { reason: XSS } },
        { traceId: 'ef'.repeat(16), spanId: 'e1'.repeat(8) },
      ],
    },
    {
      traceId: trace,
      spanId: 'a2'.repeat(8),
      parentSpanId: 'a1'.repeat(8),
      name: 'chat gpt-4o-mini',
      startMs: now + 100,
      durationMs: 420,
      kind: 3,
      attributes: {
        'honeyhive.project': 'otel',
        'honeyhive.session_id': 'otel-session',
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.request.temperature': 0.3,
        'gen_ai.request.max_tokens': 256,
        'gen_ai.usage.input_tokens': 1200,
        'gen_ai.usage.output_tokens': 300,
        'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: `You are terse. ${XSS}` }]),
        'gen_ai.input.messages': JSON.stringify([
          { role: 'user', parts: [{ type: 'text', content: `What is the weather in Paris? ${XSS}` }] },
        ]),
        'gen_ai.output.messages': JSON.stringify([
          {
            role: 'assistant',
            parts: [
              { type: 'text', content: `Let me look. ${XSS}` },
              { type: 'tool_call', id: 'call-1', name: `get_weather ${XSS}`, arguments: { city: XSS } },
            ],
          },
        ]),
      },
    },
    {
      traceId: trace,
      spanId: 'a4'.repeat(8),
      parentSpanId: 'a1'.repeat(8),
      name: 'answer from gpt-4o-mini',
      startMs: now + 900,
      durationMs: 300,
      kind: 3,
      attributes: {
        'honeyhive.project': 'otel',
        'honeyhive.session_id': 'otel-session',
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.client.operation.time_to_first_chunk': 0.25,
        'gen_ai.input.messages': JSON.stringify([
          { role: 'user', parts: [{ type: 'text', content: 'What is the weather in Paris?' }] },
          {
            role: 'assistant',
            parts: [{ type: 'tool_call', id: 'call-1', name: 'get_weather', arguments: { city: 'Paris' } }],
          },
          {
            role: 'tool',
            parts: [{ type: 'tool_call_response', id: 'call-1', response: `Paris: rain ${XSS}` }],
          },
        ]),
        'gen_ai.output.messages': JSON.stringify([
          { role: 'assistant', parts: [{ type: 'text', content: 'Take an umbrella.' }] },
        ]),
      },
    },
    {
      traceId: trace,
      spanId: 'a3'.repeat(8),
      parentSpanId: 'a1'.repeat(8),
      name: 'get_weather',
      startMs: now + 600,
      durationMs: 200,
      error: `weather service down ${XSS}`,
      attributes: {
        'honeyhive.project': 'otel',
        'honeyhive.session_id': 'otel-session',
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'get_weather',
        'honeyhive_outputs.needle': 'needle-in-output',
      },
      events: [
        {
          name: 'exception',
          atMs: 150,
          attributes: {
            'exception.type': 'FetchError',
            'exception.message': `connect ECONNREFUSED ${XSS}`,
            'exception.stacktrace': `FetchError: connect ECONNREFUSED\n    at getWeather (tools/weather.ts:12:9)\n    at ${XSS}`,
          },
        },
      ],
    },
  ]);
  return { otelSession: 'otel-session', linkedSession: 'linked-session', linkedEventSpan: 'c1'.repeat(8) };
}

/** The hivetrace tracer: a session with a user, a model call, a failing step; and a session with no events. */
export async function seedTracer(url: string): Promise<string> {
  const tracer = HoneyHiveTracer.init({
    apiKey: 'local',
    project: 'viewer-test',
    serverUrl: url,
    sessionName: `chat ${XSS}`,
    inputs: { question: `weather in Paris? ${XSS}` },
  });
  await tracer.trace(
    'answer',
    { eventType: 'chain', inputs: { question: XSS }, metadata: { [XSS]: XSS } },
    async () => {
      tracer.trace(
        `llm ${XSS}`,
        {
          eventType: 'model',
          inputs: { chat_history: [{ role: 'user', content: XSS }] },
          outputs: { role: 'assistant', content: `answer ${XSS}` },
          config: { model: XSS, temperature: 0 },
          metrics: { prompt_tokens: 10, completion_tokens: 5 },
        },
        () => 1,
      );
    },
  );
  try {
    tracer.trace('failing step', () => {
      throw new Error(XSS);
    });
  } catch {
    /* recorded on the span */
  }
  tracer.enrichSession({
    userProperties: { user_id: 'u-42', plan: XSS },
    metrics: { turns: 2 },
    outputs: { reply: 'sunny, 21 degrees' },
    feedback: { rating: 5, helpful: true },
  });
  await tracer.flush();
  await tracer.close();
  const empty = HoneyHiveTracer.init({
    apiKey: 'local',
    project: 'viewer-test',
    serverUrl: url,
    sessionName: 'empty start',
  });
  await empty.flush();
  await empty.close();
  return tracer.sessionId;
}

/**
 * Two runs of one dataset (three datapoints) through `evaluate()`, whose scores differ: the
 * candidate, run twice per datapoint, regresses `kept` on q3 (and on q1 every other time).
 */
export async function seedRuns(url: string): Promise<void> {
  const dataset = [
    { inputs: { question: `q1 ${XSS}` }, ground_truth: { answer: `a1 ${XSS}` } },
    { inputs: { question: 'q2' }, ground_truth: { answer: 'a2' } },
    { inputs: { question: 'q3' }, ground_truth: { answer: 'a3' } },
  ];
  const exact = evaluator((out: string, _in, gt: { answer: string }) => (out === gt.answer ? 1 : 0), {
    name: 'exact',
  });
  // 0.185 * 3 = 0.5549999999999999 in floating point: shown rounded. A metric's name is a span
  // attribute key, where a dot nests: this payload has none
  const score = evaluator((out: string) => (out.endsWith('!') ? 0.185 : 0.2), {
    name: 'score <img src=x onerror=alert(1)>',
  });
  // `kept`: 1 for the baseline; the candidate keeps q2 only, and q1 on every other repetition
  const calls = new Map<string, number>();
  const kept = evaluator(
    (out: string) => {
      if (out.endsWith('!') || out === 'a2') return 1;
      const n = (calls.get(out) ?? 0) + 1;
      calls.set(out, n);
      return out.startsWith('q1') && n % 2 === 1 ? 1 : 0;
    },
    { name: 'kept' },
  );
  const common = {
    apiKey: 'local',
    project: 'evals',
    serverUrl: url,
    printResults: false,
    dataset,
    evaluators: [exact, score, kept],
  };
  await evaluate((dp: { inputs: Record<string, unknown> }) => `${String(dp.inputs.question)}!`, {
    ...common,
    name: `baseline ${XSS}`,
  });
  await evaluate(
    (dp: { inputs: Record<string, unknown> }) =>
      dp.inputs.question === 'q2' ? 'a2' : `${String(dp.inputs.question)}?`,
    { ...common, name: 'candidate', repetitions: 2, maxWorkers: 1 },
  );
}
