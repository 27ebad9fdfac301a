// EDIT and EDIT AND MARK: expand packed source digits into the pattern at op1, a pattern byte
// at a time (so overlapping fields behave as the PoP describes).
import type { Insn } from '../../decoder/insn.js';
import type { Cpu } from '../cpu.js';
import type { HandlerTable } from '../registry.js';
import { byteAt, decimalData, setByteAt } from './decimal-packed.js';

const DIGIT_SELECTOR = 0x20, SIGNIFICANCE_STARTER = 0x21, FIELD_SEPARATOR = 0x22;

/** Runs the edit; returns the address of the first digit that turned significance on by
 *  being nonzero, or -1. */
function edit(c: Cpu, i: Insn): number {
  const a1 = c.ea(0, i.b1, i.d1), a2 = c.ea(0, i.b2, i.d2);
  const fill = byteAt(c, a1, 0);
  let significance = false, nonzero = false, mark = -1;
  let src = 0, right = -1;
  for (let n = 0; n <= i.l1; n++) {
    const p = byteAt(c, a1, n);
    let out: number;
    if (p === DIGIT_SELECTOR || p === SIGNIFICANCE_STARTER) {
      let digit: number, sign = -1;
      if (right >= 0) { digit = right; right = -1; }
      else {
        const b = byteAt(c, a2, src++);
        digit = b >>> 4;
        if (digit > 9) decimalData(c);
        // A right half above 9 is a sign code: the byte ends after its left digit.
        if ((b & 15) > 9) sign = b & 15; else right = b & 15;
      }
      if (digit !== 0) {
        nonzero = true;
        if (!significance) mark = c.addAddr(a1, n);
      }
      out = significance || digit !== 0 ? 0xf0 | digit : fill;
      if (digit !== 0 || p === SIGNIFICANCE_STARTER) significance = true;
      if (sign >= 0 && sign !== 0xb && sign !== 0xd) significance = false;
    } else if (p === FIELD_SEPARATOR) {
      out = fill;
      significance = false;
      nonzero = false;
    } else {
      out = significance ? p : fill;
    }
    setByteAt(c, a1, n, out);
  }
  c.cc = !nonzero ? 0 : significance ? 1 : 2;
  return mark;
}

export const decimalEditOps: HandlerTable = {
  ed: (c, i) => { edit(c, i); },
  edmk: (c, i) => {
    const mark = edit(c, i);
    if (mark < 0) return;
    // GR1 gets the address in the bits the addressing mode uses.
    if (c.amode === 64) c.set64(1, Math.floor(mark / 2 ** 32), mark >>> 0);
    else if (c.amode === 31) c.setLo(1, (c.lo(1) & 0x80000000) | mark);
    else c.setLo(1, (c.lo(1) & 0xff000000) | mark);
  },
};
