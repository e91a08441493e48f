/**
 * Reads the dictionary of an SPSS system file: the 176-byte file header, then every record up to
 * the dictionary termination record (type 999), following GNU PSPP's "System File Format"
 * documentation. Record types: 2 variable (with continuation records, type -1, for each further
 * 8 bytes of a string), 3+4 value labels and the variables they apply to, 6 documents, 7
 * extension records (kept raw here, interpreted in read-extensions.ts), 999 end of dictionary.
 * Text stays as bytes: the encoding is only known once the extension records are read.
 */
import { InputError } from '../../errors';
import type { SavCursor } from './sav-cursor';

export type RawVariable = {
  /** Position among the variable records that are not continuations (0-based). */
  index: number;
  /** First 8-byte slot of the case record (0-based) and number of slots. */
  slot: number;
  slots: number;
  /** 0 for numeric, else the string width in bytes (1..255). */
  width: number;
  shortName: Uint8Array;
  label: Uint8Array | null;
  /** n_missing_values as stored: 0..3, -2 (range) or -3 (range plus one value). */
  missingCode: number;
  missingValues: Uint8Array[];
  printFormat: number;
};

export type RawValueLabelSet = { values: Uint8Array[]; labels: Uint8Array[]; slots: number[]; offset: number };

export type RawExtension = { subtype: number; size: number; count: number; data: Uint8Array; offset: number };

export type RawDictionary = {
  compression: 0 | 1 | 2;
  /** 1-based slot of the weight variable, 0 when unweighted. */
  weightSlot: number;
  /** Cases announced by the header; -1 when unknown. */
  caseCount: number;
  bias: number;
  littleEndian: boolean;
  slotCount: number;
  variables: RawVariable[];
  /** For each slot: the variable it belongs to (continuations point to their variable). */
  slotOwner: RawVariable[];
  valueLabelSets: RawValueLabelSet[];
  documents: Uint8Array[];
  extensions: RawExtension[];
  dataOffset: number;
};

const HEADER_SIZE = 176;

export function readDictionary(cursor: SavCursor): RawDictionary {
  if (cursor.bytes.length === 0) {
    throw new InputError('file-empty', `'${cursor.fileName}' is empty (0 bytes); choose the .sav file again or re-save it from SPSS.`, { file: cursor.fileName });
  }
  const magic = Array.from(cursor.bytes.subarray(0, 4), (b) => String.fromCharCode(b)).join('');
  if (magic !== '$FL2' && magic !== '$FL3') {
    throw new InputError(
      'file-format',
      `'${cursor.fileName}' is not an SPSS system file: it does not begin with '$FL2' or '$FL3'. ` +
        'Choose a .sav or .zsav file saved by SPSS or PSPP, or import the data as CSV or Excel.',
      { file: cursor.fileName },
    );
  }
  cursor.need(HEADER_SIZE);
  const layoutLe = cursor.view.getInt32(64, true);
  if (layoutLe !== 2 && layoutLe !== 3) {
    const layoutBe = cursor.view.getInt32(64, false);
    if (layoutBe !== 2 && layoutBe !== 3) {
      cursor.pos = 64;
      cursor.fail('file-format', `an unknown layout code (${layoutLe}), so its byte order cannot be determined`);
    }
    cursor.littleEndian = false;
  }
  cursor.pos = 68;
  cursor.int32(); // nominal_case_size: recomputed from the variable records (it may be -1)
  const compression = cursor.int32();
  if (compression !== 0 && compression !== 1 && compression !== 2) cursor.fail('sav-structure', `an unknown compression code (${compression})`);
  if ((compression === 2) !== (magic === '$FL3')) cursor.fail('sav-structure', `compression code ${compression} that does not match its '${magic}' signature`);
  const weightSlot = cursor.int32();
  const caseCount = cursor.int32();
  const bias = cursor.float64();
  cursor.pos = HEADER_SIZE;

  const dict: RawDictionary = {
    compression, weightSlot, caseCount: caseCount < 0 ? -1 : caseCount, bias,
    littleEndian: cursor.littleEndian, slotCount: 0, variables: [], slotOwner: [],
    valueLabelSets: [], documents: [], extensions: [], dataOffset: 0,
  };
  let pendingContinuations = 0;
  let recordNumber = 0;
  for (;;) {
    recordNumber++;
    const recordStart = cursor.pos;
    cursor.context = `dictionary record ${recordNumber}`;
    const type = cursor.int32();
    if (type !== 2 && pendingContinuations > 0) {
      cursor.pos = recordStart;
      cursor.fail('sav-structure', `a string variable with ${pendingContinuations} missing continuation records`);
    }
    if (type === 2) {
      cursor.context = `variable record ${dict.slotCount + 1}`;
      pendingContinuations = readVariable(cursor, dict, pendingContinuations);
    } else if (type === 3) {
      cursor.context = `value label record ${dict.valueLabelSets.length + 1}`;
      dict.valueLabelSets.push(readValueLabels(cursor, recordStart));
    } else if (type === 6) {
      cursor.context = 'the document record';
      const lines = cursor.int32();
      if (lines < 0 || lines * 80 > cursor.remaining) cursor.fail('sav-structure', `an impossible number of document lines (${lines})`);
      for (let i = 0; i < lines; i++) dict.documents.push(cursor.take(80));
    } else if (type === 7) {
      const subtype = cursor.int32();
      cursor.context = `extension record 7.${subtype}`;
      const size = cursor.int32();
      const count = cursor.int32();
      if (size < 0 || count < 0 || size * count > cursor.remaining) {
        cursor.need(Math.max(0, size) * Math.max(0, count));
        cursor.fail('sav-structure', `an impossible size (${size} × ${count} bytes)`);
      }
      dict.extensions.push({ subtype, size, count, data: cursor.take(size * count), offset: recordStart });
    } else if (type === 999) {
      cursor.context = 'the dictionary termination record';
      cursor.int32();
      break;
    } else {
      cursor.pos = recordStart;
      cursor.fail('sav-structure', `an unknown record type ${type}`);
    }
  }
  if (dict.variables.length === 0) cursor.fail('sav-structure', 'no variables');
  dict.dataOffset = cursor.pos;
  return dict;
}

const MISSING_CODES = new Set([0, 1, 2, 3, -2, -3]);

function readVariable(cursor: SavCursor, dict: RawDictionary, pending: number): number {
  const width = cursor.int32();
  const hasLabel = cursor.int32();
  const missingCode = cursor.int32();
  const printFormat = cursor.int32();
  cursor.int32(); // write format: display only, the print format is kept
  const shortName = cursor.take(8);
  if (width < -1 || width > 255) cursor.fail('sav-structure', `an impossible variable type or width (${width})`);
  if (hasLabel !== 0 && hasLabel !== 1) cursor.fail('sav-structure', `an invalid label flag (${hasLabel})`);
  if (!MISSING_CODES.has(missingCode)) cursor.fail('sav-structure', `an invalid missing-value count (${missingCode})`);
  let label: Uint8Array | null = null;
  if (hasLabel === 1) {
    const length = cursor.int32();
    if (length < 0 || length > 65535) cursor.fail('sav-structure', `an impossible variable label length (${length})`);
    label = cursor.take(length);
    cursor.skip((4 - (length % 4)) % 4);
  }
  const missingValues: Uint8Array[] = [];
  for (let i = 0; i < Math.abs(missingCode); i++) missingValues.push(cursor.take(8));
  const slot = dict.slotCount;
  dict.slotCount++;
  if (width === -1) {
    const owner = dict.slotOwner[slot - 1];
    if (pending === 0 || owner === undefined) cursor.fail('sav-structure', 'a string continuation record that follows no string variable');
    dict.slotOwner.push(owner);
    return pending - 1;
  }
  if (pending > 0) cursor.fail('sav-structure', `a new variable where ${pending} continuation records were expected`);
  const slots = width === 0 ? 1 : Math.ceil(width / 8);
  const variable: RawVariable = { index: dict.variables.length, slot, slots, width, shortName, label, missingCode, missingValues, printFormat };
  dict.variables.push(variable);
  dict.slotOwner.push(variable);
  return slots - 1;
}

function readValueLabels(cursor: SavCursor, offset: number): RawValueLabelSet {
  const count = cursor.int32();
  if (count < 0 || count * 16 > cursor.remaining) cursor.fail('sav-structure', `an impossible number of value labels (${count})`);
  const values: Uint8Array[] = [];
  const labels: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    values.push(cursor.take(8));
    const length = cursor.uint8();
    labels.push(cursor.take(length));
    cursor.skip((8 - ((length + 1) % 8)) % 8);
  }
  cursor.context = 'the variable index record (type 4) after a value label record';
  const type = cursor.int32();
  if (type !== 4) cursor.fail('sav-structure', `record type ${type} where type 4 must follow the value labels`);
  const varCount = cursor.int32();
  if (varCount < 1 || varCount * 4 > cursor.remaining) cursor.fail('sav-structure', `an impossible variable count (${varCount})`);
  const slots: number[] = [];
  for (let i = 0; i < varCount; i++) slots.push(cursor.int32());
  return { values, labels, slots, offset };
}
