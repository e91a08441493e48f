/**
 * The data part of a system file: turns the case stream into one 8-byte-slot case buffer at a
 * time. Three layouts (PSPP "Data Record"):
 *   0 uncompressed: each case is `slotCount` raw 8-byte slots.
 *   1 bytecode: 8 command bytes, then the raw 8-byte slots that the commands call for (code 253).
 *     Codes: 0 padding, 1..251 the number code - bias, 252 end of data, 253 raw slot follows,
 *     254 eight spaces, 255 system-missing. A command block may span two cases: the decoder
 *     keeps its place across cases.
 *   2 ZLIB (.zsav): the bytecode stream cut into blocks, each deflated; a trailer lists them.
 * Nothing is allocated from header counts alone: sizes are checked against the bytes present.
 */
import { unzlibSync } from 'fflate';
import { InputError } from '../../errors';
import { SavCursor } from './sav-cursor';
import type { RawDictionary } from './read-dictionary';

export type CaseSource = {
  /** Fills `buffer` (slotCount × 8 bytes) with the next case; false at a clean end of data. */
  next(buffer: Uint8Array): boolean;
  /** Upper bound on the cases the stream can hold (used to refuse impossible case counts). */
  maxCases: number;
};

export function openCaseSource(cursor: SavCursor, dict: RawDictionary, isString: boolean[], sysmis: number): CaseSource {
  const caseBytes = dict.slotCount * 8;
  if (dict.compression === 0) {
    const start = cursor.pos;
    const bytes = cursor.bytes;
    let pos = start;
    let caseNumber = 0;
    return {
      maxCases: Math.floor((bytes.length - start) / caseBytes),
      next(buffer) {
        if (pos >= bytes.length) return false;
        caseNumber++;
        if (pos + caseBytes > bytes.length) truncatedCase(cursor.fileName, caseNumber, pos);
        buffer.set(bytes.subarray(pos, pos + caseBytes));
        pos += caseBytes;
        return true;
      },
    };
  }
  const stream = dict.compression === 1 ? cursor.bytes.subarray(cursor.pos) : inflateZlibData(cursor);
  return bytecodeSource(stream, dict, isString, sysmis, cursor.fileName);
}

function bytecodeSource(stream: Uint8Array, dict: RawDictionary, isString: boolean[], sysmis: number, fileName: string): CaseSource {
  const slots = dict.slotCount;
  const bias = dict.bias;
  const le = dict.littleEndian;
  let pos = 0;
  let command = 0;
  let ci = 8;
  let ended = false;
  let caseNumber = 0;
  return {
    maxCases: Math.floor(stream.length / slots),
    next(buffer) {
      if (ended) return false;
      const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      for (let k = 0; k < slots; k++) {
        let code = 0;
        while (code === 0) {
          if (ci === 8) {
            if (pos + 8 > stream.length) {
              ended = true;
              if (k === 0) return false;
              truncatedCase(fileName, caseNumber + 1, pos);
            }
            command = pos;
            pos += 8;
            ci = 0;
          }
          code = stream[command + ci++]!;
        }
        const at = k * 8;
        if (code === 252) {
          ended = true;
          if (k === 0) return false;
          truncatedCase(fileName, caseNumber + 1, pos);
        } else if (code === 253) {
          if (pos + 8 > stream.length) {
            ended = true;
            truncatedCase(fileName, caseNumber + 1, pos);
          }
          buffer.set(stream.subarray(pos, pos + 8), at);
          pos += 8;
        } else if (code === 254) {
          if (isString[k]) buffer.fill(0x20, at, at + 8);
          else view.setFloat64(at, sysmis, le);
        } else if (code === 255) {
          if (isString[k]) buffer.fill(0x20, at, at + 8);
          else view.setFloat64(at, sysmis, le);
        } else if (isString[k]) {
          buffer.fill(code === bias ? 0 : 0x20, at, at + 8);
        } else {
          view.setFloat64(at, code - bias, le);
        }
      }
      caseNumber++;
      return true;
    },
  };
}

function truncatedCase(fileName: string, caseNumber: number, offset: number): never {
  throw new InputError(
    'file-truncated',
    `'${fileName}' ends in the middle of respondent ${caseNumber} (data byte ${offset}). ` +
      'The file was probably cut off while copying or downloading; copy it again or re-save it from SPSS.',
    { file: fileName, row: caseNumber },
  );
}

/** Deflate's best ratio is about 1032:1; a block claiming more is corrupt, not a reason to allocate. */
const MAX_INFLATE_RATIO = 1100;

/**
 * .zsav: zheader (offsets of itself and the trailer), deflated blocks, then the trailer
 * (bias, zero, block size, block count, then per block: uncompressed offset, compressed offset,
 * uncompressed size, compressed size). Returns the reassembled bytecode stream.
 */
function inflateZlibData(cursor: SavCursor): Uint8Array {
  cursor.context = 'the ZLIB data header';
  const headerOffset = cursor.pos;
  const zheaderOfs = cursor.int64();
  const ztrailerOfs = cursor.int64();
  const ztrailerLen = cursor.int64();
  if (zheaderOfs !== headerOffset) cursor.fail('sav-structure', `a ZLIB header offset ${zheaderOfs} that should be ${headerOffset}`);
  if (ztrailerOfs < cursor.pos || ztrailerOfs + ztrailerLen > cursor.bytes.length) {
    cursor.need(Math.max(0, ztrailerOfs + ztrailerLen - cursor.pos));
    cursor.fail('sav-structure', `a ZLIB trailer offset ${ztrailerOfs} outside the file`);
  }
  const trailer = new SavCursor(cursor.bytes, cursor.fileName);
  trailer.littleEndian = cursor.littleEndian;
  trailer.pos = ztrailerOfs;
  trailer.context = 'the ZLIB trailer';
  trailer.int64(); // -bias
  trailer.int64(); // zero
  const blockSize = trailer.int32();
  const blockCount = trailer.int32();
  if (blockCount < 0 || ztrailerLen !== 24 + 24 * blockCount) trailer.fail('sav-structure', `a block count (${blockCount}) that does not match its length (${ztrailerLen} bytes)`);
  const blocks: { compressedOfs: number; uncompressed: number; compressed: number }[] = [];
  let total = 0;
  for (let i = 0; i < blockCount; i++) {
    trailer.context = `the ZLIB trailer entry for block ${i + 1}`;
    trailer.int64(); // uncompressed offset: implied by the sizes
    const compressedOfs = trailer.int64();
    const uncompressed = trailer.int32();
    const compressed = trailer.int32();
    if (compressedOfs < cursor.pos || compressed < 0 || compressedOfs + compressed > ztrailerOfs) trailer.fail('sav-structure', `a compressed block outside the data area (offset ${compressedOfs}, ${compressed} bytes)`);
    if (uncompressed < 0 || uncompressed > blockSize || uncompressed > compressed * MAX_INFLATE_RATIO + 1024) trailer.fail('sav-structure', `an impossible uncompressed block size (${uncompressed} bytes)`);
    blocks.push({ compressedOfs, uncompressed, compressed });
    total += uncompressed;
  }
  const stream = new Uint8Array(total);
  let at = 0;
  blocks.forEach((block, i) => {
    const input = cursor.bytes.subarray(block.compressedOfs, block.compressedOfs + block.compressed);
    let output: Uint8Array;
    try {
      // One spare byte: a block that inflates to more than declared is caught below.
      output = unzlibSync(input, { out: new Uint8Array(block.uncompressed + 1) });
    } catch {
      throw new InputError('sav-structure', `'${cursor.fileName}' has a damaged compressed data block (block ${i + 1} of ${blocks.length}, byte offset ${block.compressedOfs}). Re-save the file from SPSS or PSPP.`, { file: cursor.fileName });
    }
    if (output.length !== block.uncompressed) {
      throw new InputError('sav-structure', `'${cursor.fileName}' has a compressed data block that inflates to ${output.length} bytes instead of ${block.uncompressed} (block ${i + 1}, byte offset ${block.compressedOfs}). Re-save the file from SPSS or PSPP.`, { file: cursor.fileName });
    }
    stream.set(output.subarray(0, block.uncompressed), at);
    at += output.length;
  });
  return stream;
}
