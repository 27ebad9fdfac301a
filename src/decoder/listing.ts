// A disassembly listing: one line an instruction, "<hex address>:\t<mnemonic>\t<operands>".
import { disassembleAt } from './disasm.js';

export interface ListingOptions {
  /** Step over unknown opcodes as objdump does (4 bytes when 4 remain, else 2) instead of by their
   *  architected length, so a listing of data mixed into code stays at objdump's addresses. */
  objdumpSync?: boolean;
}

function hex8(bytes: Uint8Array, off: number, n: number): string {
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 256 + bytes[off + i];
  return `0x${v.toString(16).padStart(2 * n, '0')}`;
}

export function* listing(bytes: Uint8Array, base: number, opts: ListingOptions = {}): Generator<string> {
  for (let off = 0; off < bytes.length;) {
    const d = disassembleAt(bytes, off, base + off);
    if (opts.objdumpSync && !d.def) {
      const n = bytes.length - off >= 4 ? 4 : 2;
      yield `${(base + off).toString(16)}:\t${n === 4 ? '.long' : '.short'}\t${hex8(bytes, off, n)}`;
      off += n;
      continue;
    }
    yield `${(base + off).toString(16)}:\t${d.text}`;
    off += d.length;
  }
}
