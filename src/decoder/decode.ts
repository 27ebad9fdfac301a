// O(1) decode: a 64K table on the first two bytes; opcodes whose extension sits in the sixth byte
// go through a 256-entry table for their first byte.
import { FORMAT_BY_NAME } from './formats.js';
import { lengthOf, wordsAt } from './fields.js';
import { extractorFor, type Extractor } from './extract.js';
import { Insn, type InsnDef } from './insn.js';
import { INSN_TABLE } from './table.js';

const PRIMARY: (InsnDef | undefined)[] = new Array(65536).fill(undefined);
const BY_SIXTH_BYTE: ((InsnDef | undefined)[] | undefined)[] = new Array(256).fill(undefined);
const EXTRACT = new Map<InsnDef, Extractor>();

for (const def of INSN_TABLE) {
  const format = FORMAT_BY_NAME.get(def.format);
  if (!format) throw new Error(`${def.mnemonic}: unknown format ${def.format}`);
  EXTRACT.set(def, extractorFor(format));
  switch (def.ext) {
    case 0: for (let b1 = 0; b1 < 256; b1++) PRIMARY[(def.op1 << 8) | b1] = def; break;
    case 8: PRIMARY[(def.op1 << 8) | def.op2] = def; break;
    case 12: for (let hi = 0; hi < 16; hi++) PRIMARY[(def.op1 << 8) | (hi << 4) | def.op2] = def; break;
    case 40: (BY_SIXTH_BYTE[def.op1] ??= new Array(256).fill(undefined))[def.op2] = def; break;
  }
}

/** The table row for an instruction whose bytes 0, 1 and 5 are given (byte 5 matters only for
 *  6-byte opcodes with the extension there). */
export function lookup(b0: number, b1: number, b5: number): InsnDef | undefined {
  const def = PRIMARY[(b0 << 8) | b1];
  if (def !== undefined) return def;
  const sub = BY_SIXTH_BYTE[b0];
  return sub === undefined ? undefined : sub[b5];
}

/** Decode from the instruction words (hi = bytes 0-3, lo = bytes 4-5 in its upper half). */
export function decodeWords(hi: number, lo: number, addr: number): Insn | undefined {
  const def = lookup(hi >>> 24, (hi >>> 16) & 0xff, (lo >>> 16) & 0xff);
  if (def === undefined) return undefined;
  const insn = new Insn(def, addr, hi, lo);
  EXTRACT.get(def)!(insn, hi, lo);
  return insn;
}

/** decodeWords into an instruction object no longer in use; false (and insn unchanged) where
 *  the opcode is not in the table. */
export function decodeInto(insn: Insn, hi: number, lo: number, addr: number): boolean {
  const def = lookup(hi >>> 24, (hi >>> 16) & 0xff, (lo >>> 16) & 0xff);
  if (def === undefined) return false;
  insn.reset(def, addr, hi, lo);
  EXTRACT.get(def)!(insn, hi, lo);
  return true;
}

/** Decode the instruction at bytes[off] (guest address addr). */
export function decodeBytes(bytes: Uint8Array, off: number, addr: number): Insn | undefined {
  const [hi, lo] = wordsAt(bytes, off, lengthOf(bytes[off]));
  return decodeWords(hi, lo, addr);
}
