// Storage comparisons and searches: COMPARE LOGICAL (CHARACTER), COMPARE LOGICAL LONG
// (EXTENDED), COMPARE LOGICAL STRING, SEARCH STRING.
import type { Insn } from '../../decoder/insn.js';
import { Pic, ProgramException } from '../../runtime/interruption.js';
import type { Cpu } from '../cpu.js';
import type { HandlerTable } from '../registry.js';
import { checkOperand } from './operand.js';
import { regAddr, regLen, setRegAddr, setRegLen } from './regaddr.js';
import { CPU_DETERMINED, endingChar } from './string-move.js';

function evenReg(r: number): number {
  if ((r & 1) !== 0) throw new ProgramException(Pic.Specification);
  return r;
}

function clc(c: Cpu, i: Insn): void {
  const len = i.l1 + 1;
  let a = c.ea(0, i.b1, i.d1), b = c.ea(0, i.b2, i.d2);
  checkOperand(c, a, len);
  checkOperand(c, b, len);
  for (let k = 0; k < len; k++) {
    const x = c.mem.read8(a), y = c.mem.read8(b);
    if (x !== y) {
      c.cc = x < y ? 1 : 2;
      return;
    }
    a = c.addAddr(a, 1);
    b = c.addAddr(b, 1);
  }
  c.cc = 0;
}

/** The shared loop of CLCL and CLCLE: the shorter operand is extended with pad; stops at the
 *  first difference with the addresses and lengths designating it. Returns the CC (3 when
 *  `limit` bytes were compared without an answer). */
function compareLong(
  c: Cpu, r1: number, r2: number, pad: number, limit: number,
  getLen: (r: number) => number, setLen: (r: number, n: number) => void,
): number {
  let a = regAddr(c, r1), b = regAddr(c, r2);
  let l1 = getLen(r1 + 1), l2 = getLen(r2 + 1);
  let cc = 0;
  for (let k = 0; (l1 > 0 || l2 > 0); k++) {
    if (k === limit) { cc = 3; break; }
    const x = l1 > 0 ? c.mem.read8(a) : pad;
    const y = l2 > 0 ? c.mem.read8(b) : pad;
    if (x !== y) { cc = x < y ? 1 : 2; break; }
    if (l1 > 0) { l1--; a = c.addAddr(a, 1); }
    if (l2 > 0) { l2--; b = c.addAddr(b, 1); }
  }
  setRegAddr(c, r1, a);
  setRegAddr(c, r2, b);
  setLen(r1 + 1, l1);
  setLen(r2 + 1, l2);
  return cc;
}

function clcl(c: Cpu, i: Insn): void {
  const r1 = evenReg(i.r1), r2 = evenReg(i.r2);
  const pad = (c.lo(r2 + 1) >>> 24) & 0xff;
  c.cc = compareLong(c, r1, r2, pad, Infinity,
    (r) => c.lo(r) & 0xffffff,
    (r, n) => c.setLo(r, (c.lo(r) & ~0xffffff) | n));
}

function clcle(c: Cpu, i: Insn): void {
  const r1 = evenReg(i.r1), r3 = evenReg(i.r3);
  const pad = c.ea(0, i.b2, i.d2) & 0xff;
  c.cc = compareLong(c, r1, r3, pad, CPU_DETERMINED, (r) => regLen(c, r), (r, n) => setRegLen(c, r, n));
}

/** COMPARE LOGICAL STRING: CC 0 equal (registers unchanged), 1/2 first low/high with R1 and R2
 *  at the deciding characters, 3 part way with R1 and R2 advanced. */
function clst(c: Cpu, i: Insn): void {
  const end = endingChar(c);
  let a = regAddr(c, i.r1), b = regAddr(c, i.r2);
  for (let k = 0; k < CPU_DETERMINED; k++) {
    const x = c.mem.read8(a), y = c.mem.read8(b);
    if (x === end && y === end) { c.cc = 0; return; }
    if (x === end || y === end || x !== y) {
      setRegAddr(c, i.r1, a);
      setRegAddr(c, i.r2, b);
      c.cc = x === end ? 1 : y === end ? 2 : x < y ? 1 : 2;
      return;
    }
    a = c.addAddr(a, 1);
    b = c.addAddr(b, 1);
  }
  setRegAddr(c, i.r1, a);
  setRegAddr(c, i.r2, b);
  c.cc = 3;
}

/** SEARCH STRING from R2 up to (not including) the address in R1: CC 1 found (R1 = its address),
 *  2 not found, 3 part way (R2 advanced). */
function srst(c: Cpu, i: Insn): void {
  const ch = endingChar(c);
  const endAddr = regAddr(c, i.r1);
  let a = regAddr(c, i.r2);
  for (let k = 0; k < CPU_DETERMINED; k++) {
    if (a === endAddr) { c.cc = 2; return; }
    if (c.mem.read8(a) === ch) {
      setRegAddr(c, i.r1, a);
      c.cc = 1;
      return;
    }
    a = c.addAddr(a, 1);
  }
  setRegAddr(c, i.r2, a);
  c.cc = 3;
}

export const stringCompareOps: HandlerTable = {
  clc: clc,
  clcl: clcl,
  clcle: clcle,
  clst: clst,
  srst: srst,
};
