// TRANSLATE, TRANSLATE AND TEST (REVERSE) and CHECKSUM.
import type { Insn } from '../../decoder/insn.js';
import { Pic, ProgramException } from '../../runtime/interruption.js';
import type { Cpu } from '../cpu.js';
import type { HandlerTable } from '../registry.js';
import { checkOperand } from './operand.js';
import { regAddr, regLen, setRegAddr, setRegLen } from './regaddr.js';
import { CPU_DETERMINED } from './string-move.js';

function tr(c: Cpu, i: Insn): void {
  const len = i.l1 + 1;
  let a = c.ea(0, i.b1, i.d1);
  const table = c.ea(0, i.b2, i.d2);
  checkOperand(c, a, len);
  for (let k = 0; k < len; k++) {
    c.mem.write8(a, c.mem.read8(c.addAddr(table, c.mem.read8(a))));
    a = c.addAddr(a, 1);
  }
}

/** TRANSLATE AND TEST (step +1) or ... REVERSE (step -1): finds the first byte whose table entry
 *  is nonzero; GR1 gets its address, bits 56-63 of GR2 the entry. */
function trt(c: Cpu, i: Insn, step: 1 | -1): void {
  const len = i.l1 + 1;
  const start = c.ea(0, i.b1, i.d1);
  const table = c.ea(0, i.b2, i.d2);
  checkOperand(c, step === 1 ? start : c.wrap(start - i.l1) >>> 0, len);
  let a = start;
  for (let k = 0; k < len; k++) {
    const f = c.mem.read8(c.addAddr(table, c.mem.read8(a)));
    if (f !== 0) {
      if (c.amode === 64) c.set64(1, 0, a);
      else if (c.amode === 31) c.setLo(1, a);
      else c.setLo(1, (c.lo(1) & ~0xffffff) | a);
      c.setLo(2, (c.lo(2) & ~0xff) | f);
      c.cc = k === len - 1 ? 2 : 1;
      return;
    }
    a = step === 1 ? c.addAddr(a, 1) : c.wrap(a - 1) >>> 0;
  }
  c.cc = 0;
}

/** CHECKSUM: 32-bit one's-complement-style sum (carries added back in) of the R2 operand in
 *  words, the last one padded with zeros; CC 3 part way. */
function cksm(c: Cpu, i: Insn): void {
  const r2 = i.r2;
  if ((r2 & 1) !== 0) throw new ProgramException(Pic.Specification);
  let a = regAddr(c, r2);
  let len = regLen(c, r2 + 1);
  let sum = c.lo(i.r1) >>> 0;
  let done = 0;
  while (len > 0 && done < CPU_DETERMINED) {
    let word = 0;
    const n = Math.min(4, len);
    for (let k = 0; k < 4; k++) {
      word = word * 256 + (k < n ? c.mem.read8(c.addAddr(a, k)) : 0);
    }
    sum += word;
    if (sum > 0xffffffff) sum -= 0xffffffff;
    a = c.addAddr(a, n);
    len -= n;
    done += n;
  }
  c.setLo(i.r1, sum);
  setRegAddr(c, r2, a);
  setRegLen(c, r2 + 1, len);
  c.cc = len === 0 ? 0 : 3;
}

export const translateOps: HandlerTable = {
  tr: tr,
  trt: (c, i) => trt(c, i, 1),
  trtr: (c, i) => trt(c, i, -1),
  cksm: cksm,
};
