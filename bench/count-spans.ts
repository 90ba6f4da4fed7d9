/** Counting the spans of an OTLP request without decoding them (for the bench's receiver). */

/** Reads a varint at `at`: [value, next offset]. */
function varint(buf: Uint8Array, at: number): [number, number] {
  let v = 0;
  let shift = 0;
  for (;;) {
    const b = buf[at++]!;
    v += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [v, at];
    shift += 7;
  }
}

/** Calls `fn(field, start, end)` for each length-delimited field of the message in [from, to). */
function fields(
  buf: Uint8Array,
  from: number,
  to: number,
  fn: (f: number, s: number, e: number) => void,
): void {
  let at = from;
  while (at < to) {
    const [tag, next] = varint(buf, at);
    at = next;
    const wire = tag & 7;
    if (wire === 2) {
      const [len, start] = varint(buf, at);
      fn(tag >>> 3, start, start + len);
      at = start + len;
    } else if (wire === 0) at = varint(buf, at)[1];
    else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else throw new Error(`unexpected wire type ${wire}`);
  }
}

/** Spans in a protobuf `ExportTraceServiceRequest`: resource_spans(1) → scope_spans(2) → spans(2). */
export function countProtoSpans(buf: Uint8Array): number {
  let n = 0;
  fields(buf, 0, buf.length, (f, s, e) => {
    if (f !== 1) return;
    fields(buf, s, e, (f2, s2, e2) => {
      if (f2 !== 2) return;
      fields(buf, s2, e2, (f3) => {
        if (f3 === 2) n++;
      });
    });
  });
  return n;
}

/** Spans in an OTLP/JSON request: one `"spanId"` key each (links and parents spell theirs otherwise or are absent here). */
export function countJsonSpans(text: string): number {
  let n = 0;
  for (let at = text.indexOf('"spanId":'); at >= 0; at = text.indexOf('"spanId":', at + 9)) n++;
  return n;
}
