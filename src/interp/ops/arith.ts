// Fixed-point add and subtract, signed and logical (PoP chapter 7: ADD, ADD HALFWORD, ADD
// IMMEDIATE, ADD LOGICAL, ADD LOGICAL WITH CARRY, SUBTRACT ..., SUBTRACT LOGICAL WITH BORROW).
import type { Insn } from '../../decoder/insn.js';
import { CcOp } from '../cc.js';
import type { Cpu } from '../cpu.js';
import type { HandlerTable } from '../registry.js';
import * as u64 from '../u64.js';
import { eaSI, mem64, memS16, memS32, s16, s8 } from './operand.js';

/** r1 = a + b (signed, 32-bit) with CC and overflow. */
function add32(c: Cpu, r1: number, a: number, b: number): void {
  const r = (a + b) | 0;
  c.setLo(r1, r);
  c.cc32(CcOp.Add32, a, b, r);
  if (((a ^ r) & (b ^ r)) < 0) c.fixedOverflow();
}

function sub32(c: Cpu, r1: number, a: number, b: number): void {
  const r = (a - b) | 0;
  c.setLo(r1, r);
  c.cc32(CcOp.Sub32, a, b, r);
  if (((a ^ b) & (a ^ r)) < 0) c.fixedOverflow();
}

function add64(c: Cpu, r1: number, aHi: number, aLo: number, bHi: number, bLo: number): void {
  const lo = u64.add64(aHi, aLo, bHi, bLo, 0), hi = u64.hi;
  c.set64(r1, hi, lo);
  c.cc64(CcOp.Add64, aHi, aLo, bHi, bLo, hi, lo);
  if (((aHi ^ hi) & (bHi ^ hi)) < 0) c.fixedOverflow();
}

function sub64(c: Cpu, r1: number, aHi: number, aLo: number, bHi: number, bLo: number): void {
  const lo = u64.sub64(aHi, aLo, bHi, bLo, 1), hi = u64.hi;
  c.set64(r1, hi, lo);
  c.cc64(CcOp.Sub64, aHi, aLo, bHi, bLo, hi, lo);
  if (((aHi ^ bHi) & (aHi ^ hi)) < 0) c.fixedOverflow();
}

/** 64-bit add of a sign-extended 32-bit b. */
function add64s(c: Cpu, r1: number, b: number): void {
  add64(c, r1, c.hi(r1), c.lo(r1), b >> 31, b);
}

function sub64s(c: Cpu, r1: number, b: number): void {
  sub64(c, r1, c.hi(r1), c.lo(r1), b >> 31, b);
}

/** Logical add: r1 = a + b + cin, CC from result and carry. */
function addL32(c: Cpu, r1: number, a: number, b: number, cin: number): void {
  const s = (a >>> 0) + (b >>> 0) + cin;
  const r = s | 0;
  c.setLo(r1, r);
  c.cc32(CcOp.Logical32, s > 0xffffffff ? 1 : 0, 0, r);
}

/** Logical subtract: r1 = a - b - borrow, CC from result and no-borrow. */
function subL32(c: Cpu, r1: number, a: number, b: number, noBorrowIn: number): void {
  const s = (a >>> 0) - (b >>> 0) - (1 - noBorrowIn);
  const r = s | 0;
  c.setLo(r1, r);
  c.cc32(CcOp.Logical32, s < 0 ? 0 : 1, 0, r);
}

function addL64(c: Cpu, r1: number, aHi: number, aLo: number, bHi: number, bLo: number, cin: number): void {
  const lo = u64.add64(aHi, aLo, bHi, bLo, cin), hi = u64.hi;
  c.set64(r1, hi, lo);
  c.cc64(CcOp.Logical64, 0, u64.carry, 0, 0, hi, lo);
}

function subL64(c: Cpu, r1: number, aHi: number, aLo: number, bHi: number, bLo: number, noBorrowIn: number): void {
  const lo = u64.sub64(aHi, aLo, bHi, bLo, noBorrowIn), hi = u64.hi;
  c.set64(r1, hi, lo);
  c.cc64(CcOp.Logical64, 0, u64.carry, 0, 0, hi, lo);
}

/** Carry in for ADD LOGICAL WITH CARRY: CC 2 or 3. */
function carryIn(c: Cpu): number {
  return c.cc >> 1;
}

/** No-borrow in for SUBTRACT LOGICAL WITH BORROW: CC 2 or 3 (CC 0 or 1 means a borrow). */
const noBorrowIn = carryIn;

/** r1 = r1 + b (64-bit, b zero-extended 32-bit). */
function addL64u(c: Cpu, r1: number, b: number): void {
  addL64(c, r1, c.hi(r1), c.lo(r1), 0, b, 0);
}

function subL64u(c: Cpu, r1: number, b: number): void {
  subL64(c, r1, c.hi(r1), c.lo(r1), 0, b, 1);
}

/** Add to storage (ASI, AGSI, ALSI, ALGSI): the result is stored before overflow interrupts. */
function addStorage32(c: Cpu, i: Insn, logical: boolean): void {
  const a = eaSI(c, i);
  const x = c.mem.readS32(a), y = s8(i.i2);
  const s = logical ? (x >>> 0) + (y >>> 0) : x + y;
  const r = s | 0;
  c.mem.write32(a, r);
  if (logical) c.cc32(CcOp.Logical32, s > 0xffffffff ? 1 : 0, 0, r);
  else {
    c.cc32(CcOp.Add32, x, y, r);
    if (((x ^ r) & (y ^ r)) < 0) c.fixedOverflow();
  }
}

function addStorage64(c: Cpu, i: Insn, logical: boolean): void {
  const a = eaSI(c, i);
  c.mem.read64(a);
  const xHi = c.mem.hi, xLo = c.mem.lo, y = s8(i.i2);
  const lo = u64.add64(xHi, xLo, y >> 31, y, 0), hi = u64.hi;
  c.mem.write64(a, hi, lo);
  if (logical) c.cc64(CcOp.Logical64, 0, u64.carry, 0, 0, hi, lo);
  else {
    c.cc64(CcOp.Add64, xHi, xLo, y >> 31, y, hi, lo);
    if (((xHi ^ hi) & ((y >> 31) ^ hi)) < 0) c.fixedOverflow();
  }
}

export const arithOps: HandlerTable = {
  // ADD (signed)
  ar: (c, i) => add32(c, i.r1, c.lo(i.r1), c.lo(i.r2)),
  ark: (c, i) => add32(c, i.r1, c.lo(i.r2), c.lo(i.r3)),
  a: (c, i) => add32(c, i.r1, c.lo(i.r1), memS32(c, i)),
  ay: (c, i) => add32(c, i.r1, c.lo(i.r1), memS32(c, i)),
  ah: (c, i) => add32(c, i.r1, c.lo(i.r1), memS16(c, i)),
  ahy: (c, i) => add32(c, i.r1, c.lo(i.r1), memS16(c, i)),
  ahi: (c, i) => add32(c, i.r1, c.lo(i.r1), s16(i.i2)),
  ahik: (c, i) => add32(c, i.r1, c.lo(i.r3), s16(i.i2)),
  afi: (c, i) => add32(c, i.r1, c.lo(i.r1), i.i2 | 0),
  agr: (c, i) => add64(c, i.r1, c.hi(i.r1), c.lo(i.r1), c.hi(i.r2), c.lo(i.r2)),
  agrk: (c, i) => add64(c, i.r1, c.hi(i.r2), c.lo(i.r2), c.hi(i.r3), c.lo(i.r3)),
  ag: (c, i) => { mem64(c, i); add64(c, i.r1, c.hi(i.r1), c.lo(i.r1), c.mem.hi, c.mem.lo); },
  agfr: (c, i) => add64s(c, i.r1, c.lo(i.r2)),
  agf: (c, i) => add64s(c, i.r1, memS32(c, i)),
  aghi: (c, i) => add64s(c, i.r1, s16(i.i2)),
  aghik: (c, i) => { const b = s16(i.i2); add64(c, i.r1, c.hi(i.r3), c.lo(i.r3), b >> 31, b); },
  agfi: (c, i) => add64s(c, i.r1, i.i2 | 0),
  asi: (c, i) => addStorage32(c, i, false),
  agsi: (c, i) => addStorage64(c, i, false),

  // ADD LOGICAL
  alr: (c, i) => addL32(c, i.r1, c.lo(i.r1), c.lo(i.r2), 0),
  alrk: (c, i) => addL32(c, i.r1, c.lo(i.r2), c.lo(i.r3), 0),
  al: (c, i) => addL32(c, i.r1, c.lo(i.r1), memS32(c, i), 0),
  aly: (c, i) => addL32(c, i.r1, c.lo(i.r1), memS32(c, i), 0),
  alfi: (c, i) => addL32(c, i.r1, c.lo(i.r1), i.i2, 0),
  alhsik: (c, i) => addL32(c, i.r1, c.lo(i.r3), s16(i.i2), 0),
  algr: (c, i) => addL64(c, i.r1, c.hi(i.r1), c.lo(i.r1), c.hi(i.r2), c.lo(i.r2), 0),
  algrk: (c, i) => addL64(c, i.r1, c.hi(i.r2), c.lo(i.r2), c.hi(i.r3), c.lo(i.r3), 0),
  alg: (c, i) => { mem64(c, i); addL64(c, i.r1, c.hi(i.r1), c.lo(i.r1), c.mem.hi, c.mem.lo, 0); },
  algfr: (c, i) => addL64u(c, i.r1, c.lo(i.r2)),
  algf: (c, i) => addL64u(c, i.r1, memS32(c, i)),
  algfi: (c, i) => addL64u(c, i.r1, i.i2),
  alghsik: (c, i) => { const b = s16(i.i2); addL64(c, i.r1, c.hi(i.r3), c.lo(i.r3), b >> 31, b, 0); },
  alsi: (c, i) => addStorage32(c, i, true),
  algsi: (c, i) => addStorage64(c, i, true),
  alcr: (c, i) => addL32(c, i.r1, c.lo(i.r1), c.lo(i.r2), carryIn(c)),
  alc: (c, i) => { const b = memS32(c, i); addL32(c, i.r1, c.lo(i.r1), b, carryIn(c)); },
  alcgr: (c, i) => addL64(c, i.r1, c.hi(i.r1), c.lo(i.r1), c.hi(i.r2), c.lo(i.r2), carryIn(c)),
  alcg: (c, i) => { mem64(c, i); addL64(c, i.r1, c.hi(i.r1), c.lo(i.r1), c.mem.hi, c.mem.lo, carryIn(c)); },

  // SUBTRACT (signed)
  sr: (c, i) => sub32(c, i.r1, c.lo(i.r1), c.lo(i.r2)),
  srk: (c, i) => sub32(c, i.r1, c.lo(i.r2), c.lo(i.r3)),
  s: (c, i) => sub32(c, i.r1, c.lo(i.r1), memS32(c, i)),
  sy: (c, i) => sub32(c, i.r1, c.lo(i.r1), memS32(c, i)),
  sh: (c, i) => sub32(c, i.r1, c.lo(i.r1), memS16(c, i)),
  shy: (c, i) => sub32(c, i.r1, c.lo(i.r1), memS16(c, i)),
  sgr: (c, i) => sub64(c, i.r1, c.hi(i.r1), c.lo(i.r1), c.hi(i.r2), c.lo(i.r2)),
  sgrk: (c, i) => sub64(c, i.r1, c.hi(i.r2), c.lo(i.r2), c.hi(i.r3), c.lo(i.r3)),
  sg: (c, i) => { mem64(c, i); sub64(c, i.r1, c.hi(i.r1), c.lo(i.r1), c.mem.hi, c.mem.lo); },
  sgfr: (c, i) => sub64s(c, i.r1, c.lo(i.r2)),
  sgf: (c, i) => sub64s(c, i.r1, memS32(c, i)),

  // SUBTRACT LOGICAL
  slr: (c, i) => subL32(c, i.r1, c.lo(i.r1), c.lo(i.r2), 1),
  slrk: (c, i) => subL32(c, i.r1, c.lo(i.r2), c.lo(i.r3), 1),
  sl: (c, i) => subL32(c, i.r1, c.lo(i.r1), memS32(c, i), 1),
  sly: (c, i) => subL32(c, i.r1, c.lo(i.r1), memS32(c, i), 1),
  slfi: (c, i) => subL32(c, i.r1, c.lo(i.r1), i.i2, 1),
  slgr: (c, i) => subL64(c, i.r1, c.hi(i.r1), c.lo(i.r1), c.hi(i.r2), c.lo(i.r2), 1),
  slgrk: (c, i) => subL64(c, i.r1, c.hi(i.r2), c.lo(i.r2), c.hi(i.r3), c.lo(i.r3), 1),
  slg: (c, i) => { mem64(c, i); subL64(c, i.r1, c.hi(i.r1), c.lo(i.r1), c.mem.hi, c.mem.lo, 1); },
  slgfr: (c, i) => subL64u(c, i.r1, c.lo(i.r2)),
  slgf: (c, i) => subL64u(c, i.r1, memS32(c, i)),
  slgfi: (c, i) => subL64u(c, i.r1, i.i2),
  slbr: (c, i) => subL32(c, i.r1, c.lo(i.r1), c.lo(i.r2), noBorrowIn(c)),
  slb: (c, i) => { const b = memS32(c, i); subL32(c, i.r1, c.lo(i.r1), b, noBorrowIn(c)); },
  slbgr: (c, i) => subL64(c, i.r1, c.hi(i.r1), c.lo(i.r1), c.hi(i.r2), c.lo(i.r2), noBorrowIn(c)),
  slbg: (c, i) => { mem64(c, i); subL64(c, i.r1, c.hi(i.r1), c.lo(i.r1), c.mem.hi, c.mem.lo, noBorrowIn(c)); },
};

