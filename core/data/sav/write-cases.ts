/**
 * Encodes the cases of a system file: each respondent as slotCount 8-byte slots (numbers as
 * float64 with NaN → SYSMIS, strings as UTF-8 bytes padded with spaces, very long strings spread
 * 255 bytes per segment), optionally bytecode-compressed: 8 command codes then the raw slots they
 * announce; integers -99..151 become one code (value + 100), SYSMIS is 255, eight spaces 254,
 * anything else 253 plus the raw slot; the stream ends with 252.
 */
import { ByteWriter } from './byte-writer';
import { SAV_BIAS, SAV_SYSMIS } from './sav-formats';
import type { PlannedVariable } from './sav-write-plan';

export function encodeCases(rows: number, variables: PlannedVariable[], slotCount: number, compress: boolean): Uint8Array {
  const out = new ByteWriter();
  const caseBuffer = new Uint8Array(slotCount * 8);
  const view = new DataView(caseBuffer.buffer);
  const numericSlot = new Uint8Array(slotCount);
  for (const v of variables) if (v.width === 0) numericSlot[v.segments[0]!.slot] = 1;
  // One command block and the up to 8 raw slots it announces, written out together when full.
  const block = new Uint8Array(8 + 64);
  let ci = 0;
  let rawBytes = 0;
  const flush = (): void => {
    out.bytes(block.subarray(0, 8 + rawBytes));
    block.fill(0, 0, 8);
    ci = 0;
    rawBytes = 0;
  };
  const emit = (code: number, raw: Uint8Array | null): void => {
    block[ci++] = code;
    if (raw !== null) {
      block.set(raw, 8 + rawBytes);
      rawBytes += 8;
    }
    if (ci === 8) flush();
  };
  const allSpaces = (at: number): boolean => {
    for (let b = at; b < at + 8; b++) if (caseBuffer[b] !== 0x20) return false;
    return true;
  };

  for (let i = 0; i < rows; i++) {
    fillCase(caseBuffer, view, variables, i);
    if (!compress) {
      out.bytes(caseBuffer);
      continue;
    }
    for (let k = 0; k < slotCount; k++) {
      const at = k * 8;
      const raw = caseBuffer.subarray(at, at + 8);
      if (numericSlot[k] === 1) {
        const value = view.getFloat64(at, true);
        if (value === SAV_SYSMIS) emit(255, null);
        else if (Number.isInteger(value) && value >= 1 - SAV_BIAS && value <= 251 - SAV_BIAS && !Object.is(value, -0)) emit(value + SAV_BIAS, null);
        else emit(253, raw);
      } else if (allSpaces(at)) {
        emit(254, null);
      } else {
        emit(253, raw);
      }
    }
  }
  if (compress) {
    emit(252, null);
    if (ci > 0) flush();
  }
  return out.result();
}

function fillCase(buffer: Uint8Array, view: DataView, variables: PlannedVariable[], row: number): void {
  for (const v of variables) {
    if (v.width === 0) {
      const value = v.column.values?.[row] ?? NaN;
      view.setFloat64(v.segments[0]!.slot * 8, Number.isNaN(value) ? SAV_SYSMIS : value, true);
      continue;
    }
    const bytes = v.encoded![row]!;
    let offset = 0;
    for (const seg of v.segments) {
      const at = seg.slot * 8;
      const size = seg.slots * 8;
      const take = v.segments.length === 1 ? seg.width : Math.min(255, seg.width);
      const part = bytes.subarray(offset, Math.min(bytes.length, offset + take));
      buffer.set(part, at);
      buffer.fill(0x20, at + part.length, at + size);
      offset += take;
    }
  }
}
