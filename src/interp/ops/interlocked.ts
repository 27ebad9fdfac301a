// COMPARE AND SWAP (CS, CSY, CSG, CDS, CDSY, CDSG) and the interlocked-access facility's LOAD AND
// ADD / AND / OR / EXCLUSIVE OR. One CPU, so "interlocked" needs no more than doing the fetch
// and store back to back; the alignment rules are the PoP's.
import type { Insn } from '../../decoder/insn.js';
import { Pic, ProgramException } from '../../runtime/interruption.js';
import { CcOp } from '../cc.js';
import type { Cpu } from '../cpu.js';
import type { HandlerTable } from '../registry.js';
import * as u64 from '../u64.js';
import { eaRS } from './operand.js';

function aligned(c: Cpu, i: Insn, size: number): number {
  const a = eaRS(c, i);
  if ((a & (size - 1)) !== 0) throw new ProgramException(Pic.Specification);
  return a;
}

function evenPair(r: number): number {
  if ((r & 1) !== 0) throw new ProgramException(Pic.Specification);
  return r;
}

function cs(c: Cpu, i: Insn): void {
  const a = aligned(c, i, 4);
  const v = c.mem.readS32(a);
  if (v === c.lo(i.r1)) {
    c.mem.write32(a, c.lo(i.r3));
    c.cc = 0;
  } else {
    c.setLo(i.r1, v);
    c.cc = 1;
  }
}

function csg(c: Cpu, i: Insn): void {
  const a = aligned(c, i, 8);
  c.mem.read64(a);
  const hi = c.mem.hi, lo = c.mem.lo;
  if (hi === c.hi(i.r1) && lo === c.lo(i.r1)) {
    c.mem.write64(a, c.hi(i.r3), c.lo(i.r3));
    c.cc = 0;
  } else {
    c.set64(i.r1, hi, lo);
    c.cc = 1;
  }
}

/** COMPARE DOUBLE AND SWAP: the even-odd pairs R1 and R3 against a doubleword of two words. */
function cds(c: Cpu, i: Insn): void {
  const r1 = evenPair(i.r1), r3 = evenPair(i.r3);
  const a = aligned(c, i, 8);
  c.mem.read64(a);
  const hi = c.mem.hi, lo = c.mem.lo;
  if (hi === c.lo(r1) && lo === c.lo(r1 + 1)) {
    c.mem.write64(a, c.lo(r3), c.lo(r3 + 1));
    c.cc = 0;
  } else {
    c.setLo(r1, hi);
    c.setLo(r1 + 1, lo);
    c.cc = 1;
  }
}

function cdsg(c: Cpu, i: Insn): void {
  const r1 = evenPair(i.r1), r3 = evenPair(i.r3);
  const a = aligned(c, i, 16);
  c.mem.check(a, 16);
  c.mem.read64(a);
  const h0 = c.mem.hi, l0 = c.mem.lo;
  c.mem.read64(a + 8);
  const h1 = c.mem.hi, l1 = c.mem.lo;
  if (h0 === c.hi(r1) && l0 === c.lo(r1) && h1 === c.hi(r1 + 1) && l1 === c.lo(r1 + 1)) {
    c.mem.write64(a, c.hi(r3), c.lo(r3));
    c.mem.write64(a + 8, c.hi(r3 + 1), c.lo(r3 + 1));
    c.cc = 0;
  } else {
    c.set64(r1, h0, l0);
    c.set64(r1 + 1, h1, l1);
    c.cc = 1;
  }
}

type Combine = 'add' | 'addl' | 'and' | 'or' | 'xor';

/** LOAD AND <op> (32): R1 = old storage word, storage = old <op> R3. */
function loadAndOp32(c: Cpu, i: Insn, op: Combine): void {
  const a = aligned(c, i, 4);
  const x = c.mem.readS32(a), y = c.lo(i.r3);
  let r: number;
  switch (op) {
    case 'add': case 'addl': r = (x + y) | 0; break;
    case 'and': r = x & y; break;
    case 'or': r = x | y; break;
    case 'xor': r = x ^ y; break;
  }
  c.mem.write32(a, r);
  c.setLo(i.r1, x);
  if (op === 'add') {
    c.cc32(CcOp.Add32, x, y, r);
    if (((x ^ r) & (y ^ r)) < 0) c.fixedOverflow();
  } else if (op === 'addl') {
    c.cc32(CcOp.Logical32, (x >>> 0) + (y >>> 0) > 0xffffffff ? 1 : 0, 0, r);
  } else c.cc32(CcOp.Zero32, 0, 0, r);
}

function loadAndOp64(c: Cpu, i: Insn, op: Combine): void {
  const a = aligned(c, i, 8);
  c.mem.read64(a);
  const xHi = c.mem.hi, xLo = c.mem.lo, yHi = c.hi(i.r3), yLo = c.lo(i.r3);
  let hi: number, lo: number;
  switch (op) {
    case 'add': case 'addl': lo = u64.add64(xHi, xLo, yHi, yLo, 0); hi = u64.hi; break;
    case 'and': hi = xHi & yHi; lo = xLo & yLo; break;
    case 'or': hi = xHi | yHi; lo = xLo | yLo; break;
    case 'xor': hi = xHi ^ yHi; lo = xLo ^ yLo; break;
  }
  c.mem.write64(a, hi, lo);
  c.set64(i.r1, xHi, xLo);
  if (op === 'add') {
    c.cc64(CcOp.Add64, xHi, xLo, yHi, yLo, hi, lo);
    if (((xHi ^ hi) & (yHi ^ hi)) < 0) c.fixedOverflow();
  } else if (op === 'addl') {
    c.cc64(CcOp.Logical64, 0, u64.carry, 0, 0, hi, lo);
  } else c.cc64(CcOp.Zero64, 0, 0, 0, 0, hi, lo);
}

export const interlockedOps: HandlerTable = {
  cs: cs,
  csy: cs,
  csg: csg,
  cds: cds,
  cdsy: cds,
  cdsg: cdsg,
  laa: (c, i) => loadAndOp32(c, i, 'add'),
  laal: (c, i) => loadAndOp32(c, i, 'addl'),
  lan: (c, i) => loadAndOp32(c, i, 'and'),
  lao: (c, i) => loadAndOp32(c, i, 'or'),
  lax: (c, i) => loadAndOp32(c, i, 'xor'),
  laag: (c, i) => loadAndOp64(c, i, 'add'),
  laalg: (c, i) => loadAndOp64(c, i, 'addl'),
  lang: (c, i) => loadAndOp64(c, i, 'and'),
  laog: (c, i) => loadAndOp64(c, i, 'or'),
  laxg: (c, i) => loadAndOp64(c, i, 'xor'),
};
