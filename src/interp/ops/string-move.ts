// Storage-to-storage moves: MOVE (CHARACTER), MOVE LONG (EXTENDED), MOVE STRING, MOVE INVERSE,
// MOVE NUMERICS, MOVE ZONES.
import type { Insn } from '../../decoder/insn.js';
import { Pic, ProgramException } from '../../runtime/interruption.js';
import type { Cpu } from '../cpu.js';
import type { HandlerTable } from '../registry.js';
import { checkOperand } from './operand.js';
import { regAddr, regLen, setRegAddr, setRegLen } from './regaddr.js';

/** Bytes CLST, SRST, CLCLE and CKSM handle before ending with CC 3 (a CPU-determined amount;
 *  the same as QEMU's, so differential tests see the same partial completions). */
export const CPU_DETERMINED = 0x2000;

/** Bytes from a to the end of its 4 KiB page: MVST and MVCLE stop there (as QEMU does). */
function toPageEnd(a: number): number {
  return 4096 - (a % 4096);
}

function evenReg(r: number): number {
  if ((r & 1) !== 0) throw new ProgramException(Pic.Specification);
  return r;
}

/** Does the byte range fit without wrapping at the top of the addressing mode? */
function contiguous(c: Cpu, a: number, len: number): boolean {
  return c.amode === 64 || a + len <= (c.amode === 31 ? 0x80000000 : 0x1000000);
}

/** Moves len bytes left to right one at a time: destructive overlap (dst inside the source)
 *  repeats bytes, which programs use to propagate a byte through a field. */
export function moveBytes(c: Cpu, dst: number, src: number, len: number): void {
  if (len === 0) return;
  if ((dst <= src || dst >= src + len) && contiguous(c, dst, len) && contiguous(c, src, len)) {
    c.mem.copy(dst, src, len);
    return;
  }
  if (dst === src + 1 && contiguous(c, src, len + 1)) {
    c.mem.fill(dst, len, c.mem.read8(src));
    return;
  }
  for (let k = 0; k < len; k++) {
    c.mem.write8(dst, c.mem.read8(src));
    dst = c.addAddr(dst, 1);
    src = c.addAddr(src, 1);
  }
}

function ssOperands(c: Cpu, i: Insn): [number, number, number] {
  const len = i.l1 + 1;
  const d = c.ea(0, i.b1, i.d1), s = c.ea(0, i.b2, i.d2);
  checkOperand(c, s, len);
  checkOperand(c, d, len);
  return [d, s, len];
}

/** MOVE LONG: 24-bit lengths in R1+1 and R2+1, pad in bits 32-39 of R2+1; CC compares the
 *  lengths, or is 3 (nothing moved) when the operands overlap destructively. */
function mvcl(c: Cpu, i: Insn): void {
  const r1 = evenReg(i.r1), r2 = evenReg(i.r2);
  let d = regAddr(c, r1), s = regAddr(c, r2);
  let l1 = c.lo(r1 + 1) & 0xffffff, l2 = c.lo(r2 + 1) & 0xffffff;
  const pad = (c.lo(r2 + 1) >>> 24) & 0xff;
  const cc = l1 === l2 ? 0 : l1 < l2 ? 1 : 2;
  const moved = Math.min(l1, l2);
  if (moved > 0 && s < d && d < s + moved) {
    c.cc = 3;
    return;
  }
  checkOperand(c, d, l1);
  checkOperand(c, s, moved);
  moveBytes(c, d, s, moved);
  if (l1 > moved) c.mem.fill(c.addAddr(d, moved), l1 - moved, pad);
  d = c.addAddr(d, l1);
  s = c.addAddr(s, moved);
  l2 -= moved;
  l1 = 0;
  setRegAddr(c, r1, d);
  setRegAddr(c, r2, s);
  c.setLo(r1 + 1, c.lo(r1 + 1) & ~0xffffff);
  c.setLo(r2 + 1, (c.lo(r2 + 1) & ~0xffffff) | l2);
  c.cc = cc;
}

/** MOVE LONG EXTENDED: one move or one pad per execution, up to the end of a page; CC 3 until
 *  the first operand is done. */
function mvcle(c: Cpu, i: Insn): void {
  const r1 = evenReg(i.r1), r3 = evenReg(i.r3);
  const pad = c.ea(0, i.b2, i.d2) & 0xff;
  let d = regAddr(c, r1), s = regAddr(c, r3);
  let l1 = regLen(c, r1 + 1), l2 = regLen(c, r3 + 1);
  const cc = l1 === l2 ? 0 : l1 < l2 ? 1 : 2;
  if (l1 > 0) {
    let n = Math.min(l1, toPageEnd(d));
    if (l2 > 0) {
      n = Math.min(n, l2, toPageEnd(s));
      checkOperand(c, d, n);
      checkOperand(c, s, n);
      moveBytes(c, d, s, n);
      s = c.addAddr(s, n);
      l2 -= n;
    } else {
      checkOperand(c, d, n);
      c.mem.fill(d, n, pad);
    }
    d = c.addAddr(d, n);
    l1 -= n;
  }
  setRegAddr(c, r1, d);
  setRegAddr(c, r3, s);
  setRegLen(c, r1 + 1, l1);
  setRegLen(c, r3 + 1, l2);
  c.cc = l1 === 0 ? cc : 3;
}

/** The ending character for MVST, CLST and SRST: bits 56-63 of GR0, bits 32-55 must be zero. */
export function endingChar(c: Cpu): number {
  const v = c.lo(0);
  if ((v & 0xffffff00) !== 0) throw new ProgramException(Pic.Specification);
  return v;
}

/** MOVE STRING: CC 1 with R1 at the copied ending character, or CC 3 at a page end. */
function mvst(c: Cpu, i: Insn): void {
  const end = endingChar(c);
  let d = regAddr(c, i.r1), s = regAddr(c, i.r2);
  const n = Math.min(toPageEnd(d), toPageEnd(s));
  for (let k = 0; k < n; k++) {
    const b = c.mem.read8(s);
    c.mem.write8(d, b);
    if (b === end) {
      setRegAddr(c, i.r1, d);
      c.cc = 1;
      return;
    }
    d = c.addAddr(d, 1);
    s = c.addAddr(s, 1);
  }
  setRegAddr(c, i.r1, d);
  setRegAddr(c, i.r2, s);
  c.cc = 3;
}

/** MOVE INVERSE: the second operand is read right to left. */
function mvcin(c: Cpu, i: Insn): void {
  const len = i.l1 + 1;
  const d = c.ea(0, i.b1, i.d1), s = c.ea(0, i.b2, i.d2);
  const sLow = c.wrap(s - (len - 1)) >>> 0;
  checkOperand(c, d, len);
  checkOperand(c, sLow, len);
  const bytes: number[] = [];
  for (let k = 0; k < len; k++) bytes.push(c.mem.read8(c.wrap(s - k) >>> 0));
  for (let k = 0; k < len; k++) c.mem.write8(c.addAddr(d, k), bytes[k]);
}

/** MOVE NUMERICS / MOVE ZONES: move the selected nibble of each byte, left to right. */
function moveNibbles(c: Cpu, i: Insn, keep: number): void {
  let [d, s, len] = ssOperands(c, i);
  for (let k = 0; k < len; k++) {
    c.mem.write8(d, (c.mem.read8(d) & keep) | (c.mem.read8(s) & ~keep & 0xff));
    d = c.addAddr(d, 1);
    s = c.addAddr(s, 1);
  }
}

export const stringMoveOps: HandlerTable = {
  mvc: (c, i) => { const [d, s, len] = ssOperands(c, i); moveBytes(c, d, s, len); },
  mvcl: mvcl,
  mvcle: mvcle,
  mvst: mvst,
  mvcin: mvcin,
  mvn: (c, i) => moveNibbles(c, i, 0xf0),
  mvz: (c, i) => moveNibbles(c, i, 0x0f),
};
