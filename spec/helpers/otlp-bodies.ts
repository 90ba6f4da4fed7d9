/** An OTLP/JSON body of `n` spans in one trace, built as text (no big object graph in this process). */
export function bigBody(n: number, traceId: string): Buffer {
  const parts: string[] = [];
  for (let i = 0; i < n; i++)
    parts.push(
      `{"traceId":"${traceId}","spanId":"${(i + 1).toString(16).padStart(16, '0')}","name":"span ${i}","startTimeUnixNano":"1795389538754000000","endTimeUnixNano":"1795389538755000000","attributes":[{"key":"honeyhive_inputs.q","value":{"stringValue":"question number ${i}"}},{"key":"i","value":{"intValue":${i}}}]}`,
    );
  return Buffer.from(
    `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"big"}}]},"scopeSpans":[{"scope":{"name":"s"},"spans":[${parts.join(',')}]}]}]}`,
  );
}
