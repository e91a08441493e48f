/**
 * A growable little-endian byte buffer for writing system files (SPSS readers accept either byte
 * order; the machine integer record declares ours as little-endian).
 */
export class ByteWriter {
  private buffer = new Uint8Array(4096);
  private view = new DataView(this.buffer.buffer);
  length = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  int32(value: number): void {
    this.ensure(4);
    this.view.setInt32(this.length, value, true);
    this.length += 4;
  }

  int64(value: number): void {
    this.ensure(8);
    this.view.setUint32(this.length, value >>> 0, true);
    this.view.setInt32(this.length + 4, Math.floor(value / 4294967296), true);
    this.length += 8;
  }

  float64(value: number): void {
    this.ensure(8);
    this.view.setFloat64(this.length, value, true);
    this.length += 8;
  }

  uint8(value: number): void {
    this.ensure(1);
    this.buffer[this.length++] = value;
  }

  bytes(data: Uint8Array): void {
    this.ensure(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
  }

  /** `data` cut or padded with `pad` to exactly `size` bytes. */
  padded(data: Uint8Array, size: number, pad = 0x20): void {
    this.ensure(size);
    const n = Math.min(size, data.length);
    this.buffer.set(data.subarray(0, n), this.length);
    this.buffer.fill(pad, this.length + n, this.length + size);
    this.length += size;
  }

  /** Overwrites an int32 already written at `offset`. */
  patchInt32(offset: number, value: number): void {
    this.view.setInt32(offset, value, true);
  }

  patchInt64(offset: number, value: number): void {
    this.view.setUint32(offset, value >>> 0, true);
    this.view.setInt32(offset + 4, Math.floor(value / 4294967296), true);
  }

  result(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}
