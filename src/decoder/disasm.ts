// Disassembly in the syntax of `s390x-linux-gnu-objdump -d`: the mnemonic binutils picks (extended
// mnemonics included) and its operands. Unknown opcodes consume their architected length.
import { FORMAT_BY_NAME } from './formats.js';
import { bits, lengthOf, wordsAt } from './fields.js';
import type { Form, InsnDef } from './insn.js';
import { lookup } from './decode.js';
import { renderOperands } from './render.js';

export interface Disassembled {
  length: 2 | 4 | 6;
  /** "mnemonic\toperands" (or the mnemonic alone), or a .short/.long directive for unknown opcodes. */
  text: string;
  def?: InsnDef;
}

function popcount(x: number): number { let c = 0; for (; x; x &= x - 1) c++; return c; }

/** The form objdump prints: among those whose selector matches, the one that fixes the most bits. */
export function selectForm(def: InsnDef, hi: number, lo: number): Form | undefined {
  let best: Form | undefined;
  let bestBits = -1;
  for (const form of def.forms) {
    let fixed = 0, match = true;
    for (const w of form.when) {
      if ((bits(hi, lo, w.pos, w.width) & w.mask) !== w.value) { match = false; break; }
      fixed += popcount(w.mask);
    }
    if (match && fixed > bestBits) { best = form; bestBits = fixed; }
  }
  return best;
}

function hex(v: number, digits: number): string { return `0x${v.toString(16).padStart(digits, '0')}`; }

function unknown(length: 2 | 4 | 6, hi: number, lo: number): string {
  if (length === 2) return `.short\t${hex(hi >>> 16, 4)}`;
  if (length === 4) return `.long\t${hex(hi, 8)}`;
  return `.short\t${hex(hi >>> 16, 4)},${hex(hi & 0xffff, 4)},${hex(lo >>> 16, 4)}`;
}

export function disassembleWords(hi: number, lo: number, addr: number): Disassembled {
  const length = lengthOf(hi >>> 24);
  const def = lookup(hi >>> 24, (hi >>> 16) & 0xff, (lo >>> 16) & 0xff);
  const form = def && selectForm(def, hi, lo);
  if (!def || !form || !form.mnemonic) return { length, text: unknown(length, hi, lo) };
  const ops = renderOperands(FORMAT_BY_NAME.get(def.format)!, form.operands, form.optional, hi, lo, addr);
  return { length, text: ops ? `${form.mnemonic}\t${ops}` : form.mnemonic, def };
}

/** Disassemble bytes[off...] (guest address addr); bytes past the end read as zero. */
export function disassembleAt(bytes: Uint8Array, off: number, addr: number): Disassembled {
  const [hi, lo] = wordsAt(bytes, off, lengthOf(bytes[off]));
  return disassembleWords(hi, lo, addr);
}
