/**
 * A growable protobuf byte writer: varints, fixed-width numbers, UTF-8 strings and nested
 * messages whose length is written after their content (one byte reserved, the content moved in
 * the rare case the length needs more). Node's `Buffer` writes long strings; short ASCII strings
 * are copied byte by byte, which is cheaper than a call into the runtime.
 */
export class ByteWriter {
  /** Bytes written so far end here. */
  pos = 0;
  private buf: Buffer;

  constructor(initialSize = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** An unsigned varint (up to 2^53). */
  varint(v: number): void {
    this.ensure(10);
    const b = this.buf;
    while (v > 0x7f) {
      b[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    b[this.pos++] = v;
  }

  /** A signed 64-bit integer as protobuf's int64 varint (negative numbers take 10 bytes). */
  int64(v: number): void {
    if (v >= 0) {
      this.varint(v);
      return;
    }
    let x = BigInt.asUintN(64, BigInt(v));
    this.ensure(10);
    while (x > 0x7fn) {
      this.buf[this.pos++] = Number(x & 0x7fn) | 0x80;
      x >>= 7n;
    }
    this.buf[this.pos++] = Number(x);
  }

  /** A field tag. */
  tag(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }

  /** A little-endian fixed32. */
  fixed32(v: number): void {
    this.ensure(4);
    this.buf.writeUInt32LE(v >>> 0, this.pos);
    this.pos += 4;
  }

  /** A little-endian fixed64 from its low and high 32 bits. */
  fixed64(low: number, high: number): void {
    this.ensure(8);
    this.buf.writeUInt32LE(low >>> 0, this.pos);
    this.buf.writeUInt32LE(high >>> 0, this.pos + 4);
    this.pos += 8;
  }

  /** A little-endian double. */
  double(v: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(v, this.pos);
    this.pos += 8;
  }

  /** Bytes as they are (a cached, already encoded part). */
  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** A length-delimited byte string. */
  bytes(bytes: Uint8Array): void {
    this.varint(bytes.length);
    this.raw(bytes);
  }

  /** A length-delimited UTF-8 string. */
  string(s: string): void {
    const n = s.length;
    if (n < 0x80) {
      // short: try ASCII byte by byte (the length is then n, one byte)
      this.ensure(n + 1);
      const b = this.buf;
      const at = this.pos;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c > 0x7f) break;
        b[at + 1 + i] = c;
      }
      if (i === n) {
        b[at] = n;
        this.pos = at + 1 + n;
        return;
      }
    }
    const len = Buffer.byteLength(s, 'utf8');
    this.varint(len);
    this.ensure(len);
    this.pos += this.buf.write(s, this.pos, len, 'utf8');
  }

  /** Hex digits as bytes, length-delimited (trace and span ids). */
  hex(hex: string): void {
    const n = hex.length >> 1;
    this.ensure(n + 1);
    this.buf[this.pos++] = n;
    this.pos += this.buf.write(hex, this.pos, n, 'hex');
  }

  /** Starts a nested message: reserves one byte for its length; pass the result to `end`. */
  begin(): number {
    this.ensure(1);
    return this.pos++;
  }

  /** Ends a nested message begun at `at`, writing its length (moving the content when it needs more bytes). */
  end(at: number): void {
    const len = this.pos - at - 1;
    if (len < 0x80) {
      this.buf[at] = len;
      return;
    }
    const extra = len < 0x4000 ? 1 : len < 0x200000 ? 2 : len < 0x10000000 ? 3 : 4;
    this.ensure(extra);
    this.buf.copy(this.buf, at + 1 + extra, at + 1, this.pos);
    this.pos += extra;
    let v = len;
    let p = at;
    while (v > 0x7f) {
      this.buf[p++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[p] = v;
  }

  /** A copy of what was written, and the writer emptied for reuse. */
  take(): Uint8Array {
    const out = Uint8Array.prototype.slice.call(this.buf, 0, this.pos) as Uint8Array;
    this.pos = 0;
    return out;
  }

  /** Encodes with a scratch writer and returns the bytes (for cached parts). */
  static encode(fn: (w: ByteWriter) => void): Uint8Array {
    const w = new ByteWriter(256);
    fn(w);
    return w.take();
  }
}
