// A bounds-checked reader for the lib0 binary encoding that Yjs and y-protocols use. It mirrors
// lib0/decoding where that decides what is valid (53-bit varints, UTF-8 strings decoded
// strictly), but it never allocates for what it only has to skip, and it throws one error type
// that the parsers turn into a `Result` at their edge.

export class Malformed extends Error {
  override name = 'Malformed';
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class Reader {
  readonly bytes: Uint8Array;
  pos: number;

  constructor(bytes: Uint8Array, pos = 0) {
    this.bytes = bytes;
    this.pos = pos;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  uint8(): number {
    if (this.pos >= this.bytes.length) throw new Malformed('unexpected end of data');
    return this.bytes[this.pos++] as number;
  }

  /** An unsigned varint of at most 53 bits, like lib0's `readVarUint`. */
  varUint(): number {
    const bytes = this.bytes;
    let num = 0;
    let mult = 1;
    while (this.pos < bytes.length) {
      const r = bytes[this.pos++] as number;
      num += (r & 0x7f) * mult;
      if (r < 0x80) {
        if (num > Number.MAX_SAFE_INTEGER) throw new Malformed('integer out of range');
        return num;
      }
      mult *= 128;
      if (num > Number.MAX_SAFE_INTEGER) throw new Malformed('integer out of range');
    }
    throw new Malformed('unexpected end of data in a varint');
  }

  /** A signed varint (lib0's `readVarInt`): sign in bit 7 of the first byte. */
  skipVarInt(): void {
    let r = this.uint8();
    if ((r & 0x80) === 0) return;
    let num = r & 0x3f;
    let mult = 64;
    for (;;) {
      r = this.uint8();
      num += (r & 0x7f) * mult;
      if (r < 0x80) {
        if (num > Number.MAX_SAFE_INTEGER) throw new Malformed('integer out of range');
        return;
      }
      mult *= 128;
      if (num > Number.MAX_SAFE_INTEGER) throw new Malformed('integer out of range');
    }
  }

  skip(n: number): void {
    if (n > this.bytes.length - this.pos) throw new Malformed('unexpected end of data');
    this.pos += n;
  }

  /** A length-prefixed byte array, as a view (no copy). */
  varUint8Array(): Uint8Array {
    const len = this.varUint();
    const start = this.pos;
    this.skip(len);
    return this.bytes.subarray(start, start + len);
  }

  /** Skips a length-prefixed UTF-8 string, checking it decodes; returns its UTF-16 length. */
  skipString(): number {
    const len = this.varUint();
    const start = this.pos;
    this.skip(len);
    const bytes = this.bytes;
    for (let i = start; i < start + len; i++) {
      if ((bytes[i] as number) >= 0x80) return this.decodeRange(start, len).length;
    }
    return len;
  }

  string(): string {
    const len = this.varUint();
    const start = this.pos;
    this.skip(len);
    return this.decodeRange(start, len);
  }

  private decodeRange(start: number, len: number): string {
    try {
      return strictUtf8.decode(this.bytes.subarray(start, start + len));
    } catch {
      throw new Malformed('a string is not valid UTF-8');
    }
  }
}
