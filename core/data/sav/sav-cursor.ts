/**
 * A bounds-checked reading cursor over the bytes of an SPSS system file. Every read checks that
 * the bytes exist first, so a truncated or corrupt file becomes an InputError naming the file,
 * the record being read and the byte offset, never an out-of-bounds read or a RangeError.
 * Integers and floats are read in the file's byte order (SPSS files may be big-endian).
 */
import { InputError, type InputErrorCode } from '../../errors';

export class SavCursor {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly fileName: string;
  littleEndian = true;
  pos = 0;
  /** What is being read, for error messages ("the file header", "variable record 3"...). */
  context = 'the file header';

  constructor(bytes: Uint8Array, fileName: string) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.fileName = fileName;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  /** Throws file-truncated unless `n` more bytes exist. */
  need(n: number): void {
    if (!Number.isFinite(n) || n < 0) this.fail('sav-structure', `a negative or impossible length (${n})`);
    if (n > this.remaining) {
      throw new InputError(
        'file-truncated',
        `'${this.fileName}' ends early: ${this.context} needs ${n} more bytes at byte offset ${this.pos} but only ${this.remaining} remain. ` +
          'The file was probably cut off while copying or downloading; copy it again or re-save it from SPSS.',
        { file: this.fileName },
      );
    }
  }

  int32(): number {
    this.need(4);
    const v = this.view.getInt32(this.pos, this.littleEndian);
    this.pos += 4;
    return v;
  }

  /** 64-bit integer as a double; values beyond 2^53 are reported as corrupt. */
  int64(): number {
    this.need(8);
    const lo = this.view.getUint32(this.pos + (this.littleEndian ? 0 : 4), this.littleEndian);
    const hi = this.view.getInt32(this.pos + (this.littleEndian ? 4 : 0), this.littleEndian);
    this.pos += 8;
    const v = hi * 4294967296 + lo;
    if (!Number.isSafeInteger(v)) this.fail('sav-structure', `an impossible 64-bit count or offset (${v})`);
    return v;
  }

  float64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos, this.littleEndian);
    this.pos += 8;
    return v;
  }

  uint8(): number {
    this.need(1);
    return this.bytes[this.pos++]!;
  }

  /** A view (not a copy) of the next n bytes. */
  take(n: number): Uint8Array {
    this.need(n);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }

  /** A structural problem in the current record: throws InputError with location and remedy. */
  fail(code: InputErrorCode, what: string): never {
    throw new InputError(
      code,
      `'${this.fileName}' is not a readable SPSS file: ${this.context} has ${what} (byte offset ${this.pos}). ` +
        'The file is damaged or was not written by SPSS-compatible software; re-save it from SPSS or PSPP, or export it as CSV.',
      { file: this.fileName },
    );
  }
}
