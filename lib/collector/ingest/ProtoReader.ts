import { BadRequestError } from './bad-request';

/**
 * A protobuf wire reader over one buffer: varints (also as exact 64-bit halves), fixed-width
 * numbers, and length-delimited fields read in place (strings decoded, nested messages as
 * ranges). Anything that runs past its message is a `BadRequestError`.
 */
export class ProtoReader {
  pos: number;

  constructor(
    readonly buf: Buffer,
    start = 0,
    /** Where the current message ends. */
    public end = buf.length,
  ) {
    this.pos = start;
  }

  /** True while the current message has fields left. */
  more(): boolean {
    return this.pos < this.end;
  }

  /** A varint up to 2^53 (tags, lengths, counts, enums). */
  varint(): number {
    let v = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      if (this.pos >= this.end) throw truncated();
      const b = this.buf[this.pos++]!;
      v += (b & 0x7f) * scale;
      if (b < 0x80) return v;
      scale *= 0x80;
    }
    // the rest of a 64-bit varint (a negative enum or count): too large to be meaningful
    while (this.pos < this.end && this.buf[this.pos++]! >= 0x80);
    return v;
  }

  /** A varint as its low and high 32 bits (int64 values, exact). */
  varint64(): [number, number] {
    let low = 0;
    let high = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (this.pos >= this.end) throw truncated();
      const b = this.buf[this.pos++]!;
      const bits = b & 0x7f;
      if (shift < 28) low |= bits << shift;
      else if (shift === 28) {
        low |= (bits & 0xf) << 28;
        high |= bits >>> 4;
      } else high |= bits << (shift - 32);
      if (b < 0x80) return [low >>> 0, high >>> 0];
    }
    throw new BadRequestError('the body is not a valid protobuf ExportTraceServiceRequest (varint too long)');
  }

  /** A little-endian fixed64 as its low and high 32 bits. */
  fixed64(): [number, number] {
    this.need(8);
    const low = this.buf.readUInt32LE(this.pos);
    const high = this.buf.readUInt32LE(this.pos + 4);
    this.pos += 8;
    return [low, high];
  }

  /** A little-endian double. */
  double(): number {
    this.need(8);
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /** A length-delimited field's range, the reader moved past it. */
  range(): [number, number] {
    const len = this.varint();
    this.need(len);
    const start = this.pos;
    this.pos += len;
    return [start, this.pos];
  }

  /** A length-delimited UTF-8 string. */
  string(): string {
    const [s, e] = this.range();
    return this.buf.toString('utf8', s, e);
  }

  /** A length-delimited byte string in `encoding` (hex for ids, base64 for bytes values). */
  bytesAs(encoding: 'hex' | 'base64'): string {
    const [s, e] = this.range();
    return this.buf.toString(encoding, s, e);
  }

  /** Skips a field of wire type `wire`. */
  skip(wire: number): void {
    const width = wire === 1 ? 8 : wire === 5 ? 4 : 0;
    if (wire === 0) this.varint64();
    else if (wire === 2) this.range();
    else if (width > 0) {
      this.need(width);
      this.pos += width;
    } else
      throw new BadRequestError(
        `the body is not a valid protobuf ExportTraceServiceRequest (wire type ${wire})`,
      );
  }

  /** A reader over the nested message at [start, end). */
  sub([start, end]: [number, number]): ProtoReader {
    return new ProtoReader(this.buf, start, end);
  }

  private need(n: number): void {
    if (this.pos + n > this.end) throw truncated();
  }
}

function truncated(): BadRequestError {
  return new BadRequestError('the body is not a valid protobuf ExportTraceServiceRequest (truncated)');
}
