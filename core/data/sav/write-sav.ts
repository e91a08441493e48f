/**
 * SPSS system file writer: Dataset in, .sav (uncompressed or bytecode-compressed) or .zsav bytes
 * out, in the layout GNU PSPP documents and reads. Writes numeric and string variables (very long
 * strings as 255-byte segments), variable labels, value labels (type 3/4 records; 7.21 for
 * strings over 8 bytes), missing values (variable record; 7.22 for strings over 8 bytes),
 * measurement levels (7.11), long names (7.13), very long string widths (7.14), UTF-8 as the
 * encoding (7.20) and the weight variable. Used to export respondent segment assignments.
 * Labels longer than the 255 bytes a record can hold are cut at a character boundary.
 * Checked against PSPP itself in core/data/sav/write-sav.test.ts.
 */
import { zlibSync } from 'fflate';
import { InputError } from '../../errors';
import type { Dataset } from '../dataset';
import { ByteWriter } from './byte-writer';
import { measurementToCode, SAV_BIAS, SAV_HIGHEST, SAV_LOWEST, SAV_SYSMIS } from './sav-formats';
import { cutUtf8, planVariables, type PlannedVariable } from './sav-write-plan';
import { encodeCases } from './write-cases';

export type SavCompression = 'none' | 'bytecode' | 'zlib';
export type WriteSavOptions = {
  compression?: SavCompression;
  /** Creation time stamped in the header (default: now); fix it for reproducible files. */
  createdAt?: Date;
};

const encoder = new TextEncoder();
const ZLIB_BLOCK = 0x3ff000;

export function writeSav(dataset: Dataset, options: WriteSavOptions = {}): Uint8Array {
  const compression = options.compression ?? 'bytecode';
  const fileName = dataset.source.file;
  if (dataset.columns.length === 0) {
    throw new InputError('data-insufficient', `Cannot write '${fileName}': the dataset has no columns. Choose at least one variable to export.`, { file: fileName });
  }
  const { variables, slotCount } = planVariables(dataset, fileName);
  const out = new ByteWriter();
  writeHeader(out, dataset, variables, slotCount, compression, options.createdAt ?? new Date(), fileName);
  for (const v of variables) writeVariableRecords(out, v, fileName);
  writeValueLabels(out, variables);
  writeExtensions(out, variables);
  out.int32(999);
  out.int32(0);
  const cases = encodeCases(dataset.rows, variables, slotCount, compression !== 'none');
  if (compression === 'zlib') writeZlib(out, cases);
  else out.bytes(cases);
  return out.result();
}

function writeHeader(out: ByteWriter, dataset: Dataset, variables: PlannedVariable[], slotCount: number, compression: SavCompression, created: Date, fileName: string): void {
  out.bytes(encoder.encode(compression === 'zlib' ? '$FL3' : '$FL2'));
  out.padded(encoder.encode('@(#) SPSS DATA FILE Segment Studio'), 60);
  out.int32(2);
  out.int32(slotCount);
  out.int32(compression === 'none' ? 0 : compression === 'bytecode' ? 1 : 2);
  let weightSlot = 0;
  if (dataset.weight !== null) {
    const w = variables.find((v) => v.column.name === dataset.weight);
    if (w === undefined || w.width !== 0) {
      throw new InputError('option-invalid', `Cannot write '${fileName}': the weight '${dataset.weight}' is not a numeric column of the dataset. Choose a numeric weight column or none.`, { file: fileName, column: dataset.weight });
    }
    weightSlot = w.segments[0]!.slot + 1;
  }
  out.int32(weightSlot);
  out.int32(dataset.rows);
  out.float64(SAV_BIAS);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number): string => String(n).padStart(2, '0');
  out.padded(encoder.encode(`${two(created.getUTCDate())} ${months[created.getUTCMonth()]} ${two(created.getUTCFullYear() % 100)}`), 9);
  out.padded(encoder.encode(`${two(created.getUTCHours())}:${two(created.getUTCMinutes())}:${two(created.getUTCSeconds())}`), 8);
  out.padded(new Uint8Array(0), 64);
  out.padded(new Uint8Array(0), 3, 0);
}

function writeVariableRecords(out: ByteWriter, v: PlannedVariable, fileName: string): void {
  const column = v.column;
  v.segments.forEach((seg, k) => {
    out.int32(2);
    out.int32(seg.width);
    const label = k === 0 && column.label !== '' && column.label !== v.name ? encoder.encode(cutUtf8(column.label, 255)) : null;
    out.int32(label === null ? 0 : 1);
    const missing = k === 0 ? missingRecord(v, fileName) : { code: 0, values: [] };
    out.int32(missing.code);
    const format = k === 0 || v.width === 0 ? v.printFormat : (1 << 16) | (seg.width << 8);
    out.int32(format);
    out.int32(format);
    out.padded(encoder.encode(seg.shortName), 8);
    if (label !== null) {
      out.int32(label.length);
      out.padded(label, Math.ceil(label.length / 4) * 4);
    }
    for (const value of missing.values) out.bytes(value);
    for (let c = 1; c < seg.slots; c++) {
      out.int32(2);
      out.int32(-1);
      out.int32(0);
      out.int32(0);
      out.int32(0);
      out.int32(0);
      out.padded(new Uint8Array(0), 8);
    }
  });
}

function float8(value: number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, value, true);
  return b;
}

function padded8(text: string): Uint8Array {
  const b = new Uint8Array(8).fill(0x20);
  b.set(encoder.encode(text).subarray(0, 8));
  return b;
}

/** n_missing_values and the 8-byte values of the variable record (numeric and short strings). */
function missingRecord(v: PlannedVariable, fileName: string): { code: number; values: Uint8Array[] } {
  const m = v.column.missing;
  if (v.width > 0) {
    if (m.strings.length > 3) tooManyMissing(v, fileName);
    return v.width <= 8 ? { code: m.strings.length, values: m.strings.map(padded8) } : { code: 0, values: [] };
  }
  const bound = (x: number, fallback: number): number => (Number.isFinite(x) ? x : fallback);
  if (m.range === null) {
    if (m.codes.length > 3) tooManyMissing(v, fileName);
    return { code: m.codes.length, values: m.codes.map(float8) };
  }
  if (m.codes.length > 1) tooManyMissing(v, fileName);
  const values = [float8(bound(m.range.low, SAV_LOWEST)), float8(bound(m.range.high, SAV_HIGHEST)), ...m.codes.map(float8)];
  return { code: m.codes.length === 0 ? -2 : -3, values };
}

function tooManyMissing(v: PlannedVariable, fileName: string): never {
  throw new InputError('option-invalid', `Cannot write '${fileName}': column '${v.column.name}' has more missing-value codes than SPSS can store (at most 3 codes, or one range plus one code). Merge them into a range or recode them.`, { file: fileName, column: v.column.name });
}

function labelBytes(label: string): Uint8Array {
  return encoder.encode(cutUtf8(label, 255));
}

function writeValueLabels(out: ByteWriter, variables: PlannedVariable[]): void {
  for (const v of variables) {
    const entries: { value: Uint8Array; label: Uint8Array }[] =
      v.width === 0
        ? v.column.valueLabels.map((l) => ({ value: float8(l.code), label: labelBytes(l.label) }))
        : v.width <= 8
          ? (v.column.textLabels ?? []).map((l) => ({ value: padded8(l.value), label: labelBytes(l.label) }))
          : [];
    if (entries.length === 0) continue;
    out.int32(3);
    out.int32(entries.length);
    for (const e of entries) {
      out.bytes(e.value);
      out.uint8(e.label.length);
      out.padded(e.label, Math.ceil((e.label.length + 1) / 8) * 8 - 1);
    }
    out.int32(4);
    out.int32(1);
    out.int32(v.segments[0]!.slot + 1);
  }
}

function extension(out: ByteWriter, subtype: number, size: number, data: Uint8Array | number[]): void {
  out.int32(7);
  out.int32(subtype);
  out.int32(size);
  if (data instanceof Uint8Array) {
    out.int32(data.length / size);
    out.bytes(data);
  } else {
    out.int32(data.length);
    for (const x of data) if (size === 4) out.int32(x); else out.float64(x);
  }
}

function writeExtensions(out: ByteWriter, variables: PlannedVariable[]): void {
  extension(out, 3, 4, [1, 0, 0, -1, 1, 1, 2, 65001]);
  extension(out, 4, 8, [SAV_SYSMIS, SAV_HIGHEST, SAV_LOWEST]);
  const display: number[] = [];
  for (const v of variables) {
    for (const seg of v.segments) {
      display.push(measurementToCode(v.column.measurement), v.width === 0 ? 8 : Math.min(Math.max(seg.width, 1), 40), v.width === 0 ? 1 : 0);
    }
  }
  extension(out, 11, 4, display);
  extension(out, 13, 1, encoder.encode(variables.map((v) => `${v.segments[0]!.shortName}=${v.name}`).join('\t')));
  const veryLong = variables.filter((v) => v.width > 255);
  if (veryLong.length > 0) {
    extension(out, 14, 1, encoder.encode(veryLong.map((v) => `${v.segments[0]!.shortName}=${String(v.width).padStart(5, '0')}\0\t`).join('')));
  }
  extension(out, 20, 1, encoder.encode('UTF-8'));
  const longLabels = variables.filter((v) => v.width > 8 && (v.column.textLabels?.length ?? 0) > 0);
  if (longLabels.length > 0) {
    const w = new ByteWriter();
    for (const v of longLabels) {
      const name = encoder.encode(v.name);
      w.int32(name.length);
      w.bytes(name);
      w.int32(v.width);
      w.int32(v.column.textLabels!.length);
      for (const l of v.column.textLabels!) {
        w.int32(v.width);
        w.padded(encoder.encode(l.value), v.width);
        const label = labelBytes(l.label);
        w.int32(label.length);
        w.bytes(label);
      }
    }
    extension(out, 21, 1, w.result());
  }
  const longMissing = variables.filter((v) => v.width > 8 && v.column.missing.strings.length > 0);
  if (longMissing.length > 0) {
    const w = new ByteWriter();
    for (const v of longMissing) {
      const name = encoder.encode(v.name);
      w.int32(name.length);
      w.bytes(name);
      w.uint8(v.column.missing.strings.length);
      w.int32(8);
      for (const s of v.column.missing.strings) w.bytes(padded8(s));
    }
    extension(out, 22, 1, w.result());
  }
}

/** .zsav: zheader, deflated blocks of the bytecode stream, then the block trailer. */
function writeZlib(out: ByteWriter, stream: Uint8Array): void {
  const zheaderOfs = out.length;
  out.int64(zheaderOfs);
  const trailerOfsAt = out.length;
  out.int64(0);
  out.int64(0);
  const blocks: { uOfs: number; cOfs: number; uSize: number; cSize: number }[] = [];
  for (let start = 0; start < stream.length || blocks.length === 0; start += ZLIB_BLOCK) {
    const chunk = stream.subarray(start, Math.min(stream.length, start + ZLIB_BLOCK));
    const packed = zlibSync(chunk, { level: 6 });
    blocks.push({ uOfs: zheaderOfs + start, cOfs: out.length, uSize: chunk.length, cSize: packed.length });
    out.bytes(packed);
    if (stream.length === 0) break;
  }
  const trailerOfs = out.length;
  out.int64(-SAV_BIAS);
  out.int64(0);
  out.int32(ZLIB_BLOCK);
  out.int32(blocks.length);
  for (const b of blocks) {
    out.int64(b.uOfs);
    out.int64(b.cOfs);
    out.int32(b.uSize);
    out.int32(b.cSize);
  }
  out.patchInt64(trailerOfsAt, trailerOfs);
  out.patchInt64(trailerOfsAt + 8, 24 + 24 * blocks.length);
}
