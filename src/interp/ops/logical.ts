// AND, OR, EXCLUSIVE OR (register, storage, immediate, character) and TEST UNDER MASK.
import type { Insn } from '../../decoder/insn.js';
import { CcOp } from '../cc.js';
import type { Cpu } from '../cpu.js';
import type { HandlerTable } from '../registry.js';
import { checkOperand, eaSI, mem64, memS32, u16, u8 } from './operand.js';

const AND = 0, OR = 1, XOR = 2;
type BitOp = typeof AND | typeof OR | typeof XOR;

function apply(op: BitOp, a: number, b: number): number {
  return op === AND ? a & b : op === OR ? a | b : a ^ b;
}

function logic32(c: Cpu, op: BitOp, r1: number, a: number, b: number): void {
  const r = apply(op, a, b);
  c.setLo(r1, r);
  c.cc32(CcOp.Zero32, 0, 0, r);
}

function logic64(c: Cpu, op: BitOp, r1: number, aHi: number, aLo: number, bHi: number, bLo: number): void {
  const hi = apply(op, aHi, bHi), lo = apply(op, aLo, bLo);
  c.set64(r1, hi, lo);
  c.cc64(CcOp.Zero64, 0, 0, 0, 0, hi, lo);
}

/** The immediate forms on one halfword or word of a register (NIHH ... XILF): the CC reflects
 *  only the field that was changed. `shift` is the field's bit offset within the word. */
function logicField(c: Cpu, op: BitOp, i: Insn, high: boolean, shift: number, width: 16 | 32): void {
  const word = high ? c.hi(i.r1) : c.lo(i.r1);
  const fieldMask = width === 32 ? -1 : 0xffff << shift;
  const imm = width === 32 ? i.i2 | 0 : u16(i.i2) << shift;
  // AND keeps the bits outside the field; OR and XOR leave them alone with a zero immediate there.
  const r = op === AND ? word & (imm | ~fieldMask) : apply(op, word, imm);
  if (high) c.setHi(i.r1, r); else c.setLo(i.r1, r);
  c.cc32(CcOp.Zero32, 0, 0, r & fieldMask);
}

/** NI, OI, XI and their long-displacement forms. */
function logicImmStorage(c: Cpu, op: BitOp, i: Insn): void {
  const a = eaSI(c, i);
  const r = apply(op, c.mem.read8(a), u8(i.i2));
  c.mem.write8(a, r);
  c.cc32(CcOp.Zero32, 0, 0, r);
}

/** NC, OC, XC: byte by byte, left to right, so overlapping operands see earlier results. */
function logicChars(c: Cpu, op: BitOp, i: Insn): void {
  const len = i.l1 + 1;
  let d = c.ea(0, i.b1, i.d1), s = c.ea(0, i.b2, i.d2);
  checkOperand(c, d, len);
  checkOperand(c, s, len);
  if (op === XOR && d === s) {
    // The common way to clear storage.
    if (c.amode === 64 || d + len <= (c.amode === 31 ? 0x80000000 : 0x1000000)) {
      c.mem.fill(d, len, 0);
      c.cc = 0;
      return;
    }
  }
  let any = 0;
  for (let k = 0; k < len; k++) {
    const r = apply(op, c.mem.read8(d), c.mem.read8(s));
    c.mem.write8(d, r);
    any |= r;
    d = c.addAddr(d, 1);
    s = c.addAddr(s, 1);
  }
  c.cc = any !== 0 ? 1 : 0;
}

/** TEST UNDER MASK on a byte: 0 selected bits zero (or no mask), 1 mixed, 3 all ones. */
function testByte(c: Cpu, v: number, mask: number): void {
  const sel = v & mask;
  c.cc = sel === 0 ? 0 : sel === mask ? 3 : 1;
}

/** TEST UNDER MASK on a halfword (TMHH ... TMLL): mixed is 1 or 2 by the leftmost selected bit. */
function testHalf(c: Cpu, v: number, mask: number): void {
  mask &= 0xffff;
  const sel = v & mask;
  if (sel === 0) c.cc = 0;
  else if (sel === mask) c.cc = 3;
  else c.cc = (sel & (0x80000000 >>> Math.clz32(mask))) !== 0 ? 2 : 1;
}

const hh = (c: Cpu, i: Insn): number => c.hi(i.r1) >>> 16;
const hl = (c: Cpu, i: Insn): number => c.hi(i.r1) & 0xffff;
const lh = (c: Cpu, i: Insn): number => c.lo(i.r1) >>> 16;
const ll = (c: Cpu, i: Insn): number => c.lo(i.r1) & 0xffff;

export const logicalOps: HandlerTable = {
  nr: (c, i) => logic32(c, AND, i.r1, c.lo(i.r1), c.lo(i.r2)),
  or: (c, i) => logic32(c, OR, i.r1, c.lo(i.r1), c.lo(i.r2)),
  xr: (c, i) => logic32(c, XOR, i.r1, c.lo(i.r1), c.lo(i.r2)),
  nrk: (c, i) => logic32(c, AND, i.r1, c.lo(i.r2), c.lo(i.r3)),
  ork: (c, i) => logic32(c, OR, i.r1, c.lo(i.r2), c.lo(i.r3)),
  xrk: (c, i) => logic32(c, XOR, i.r1, c.lo(i.r2), c.lo(i.r3)),
  n: (c, i) => logic32(c, AND, i.r1, c.lo(i.r1), memS32(c, i)),
  o: (c, i) => logic32(c, OR, i.r1, c.lo(i.r1), memS32(c, i)),
  x: (c, i) => logic32(c, XOR, i.r1, c.lo(i.r1), memS32(c, i)),
  ny: (c, i) => logic32(c, AND, i.r1, c.lo(i.r1), memS32(c, i)),
  oy: (c, i) => logic32(c, OR, i.r1, c.lo(i.r1), memS32(c, i)),
  xy: (c, i) => logic32(c, XOR, i.r1, c.lo(i.r1), memS32(c, i)),
  ngr: (c, i) => logic64(c, AND, i.r1, c.hi(i.r1), c.lo(i.r1), c.hi(i.r2), c.lo(i.r2)),
  ogr: (c, i) => logic64(c, OR, i.r1, c.hi(i.r1), c.lo(i.r1), c.hi(i.r2), c.lo(i.r2)),
  xgr: (c, i) => logic64(c, XOR, i.r1, c.hi(i.r1), c.lo(i.r1), c.hi(i.r2), c.lo(i.r2)),
  ngrk: (c, i) => logic64(c, AND, i.r1, c.hi(i.r2), c.lo(i.r2), c.hi(i.r3), c.lo(i.r3)),
  ogrk: (c, i) => logic64(c, OR, i.r1, c.hi(i.r2), c.lo(i.r2), c.hi(i.r3), c.lo(i.r3)),
  xgrk: (c, i) => logic64(c, XOR, i.r1, c.hi(i.r2), c.lo(i.r2), c.hi(i.r3), c.lo(i.r3)),
  ng: (c, i) => { mem64(c, i); logic64(c, AND, i.r1, c.hi(i.r1), c.lo(i.r1), c.mem.hi, c.mem.lo); },
  og: (c, i) => { mem64(c, i); logic64(c, OR, i.r1, c.hi(i.r1), c.lo(i.r1), c.mem.hi, c.mem.lo); },
  xg: (c, i) => { mem64(c, i); logic64(c, XOR, i.r1, c.hi(i.r1), c.lo(i.r1), c.mem.hi, c.mem.lo); },

  nihh: (c, i) => logicField(c, AND, i, true, 16, 16),
  nihl: (c, i) => logicField(c, AND, i, true, 0, 16),
  nilh: (c, i) => logicField(c, AND, i, false, 16, 16),
  nill: (c, i) => logicField(c, AND, i, false, 0, 16),
  nihf: (c, i) => logicField(c, AND, i, true, 0, 32),
  nilf: (c, i) => logicField(c, AND, i, false, 0, 32),
  oihh: (c, i) => logicField(c, OR, i, true, 16, 16),
  oihl: (c, i) => logicField(c, OR, i, true, 0, 16),
  oilh: (c, i) => logicField(c, OR, i, false, 16, 16),
  oill: (c, i) => logicField(c, OR, i, false, 0, 16),
  oihf: (c, i) => logicField(c, OR, i, true, 0, 32),
  oilf: (c, i) => logicField(c, OR, i, false, 0, 32),
  xihf: (c, i) => logicField(c, XOR, i, true, 0, 32),
  xilf: (c, i) => logicField(c, XOR, i, false, 0, 32),

  ni: (c, i) => logicImmStorage(c, AND, i),
  oi: (c, i) => logicImmStorage(c, OR, i),
  xi: (c, i) => logicImmStorage(c, XOR, i),
  niy: (c, i) => logicImmStorage(c, AND, i),
  oiy: (c, i) => logicImmStorage(c, OR, i),
  xiy: (c, i) => logicImmStorage(c, XOR, i),
  nc: (c, i) => logicChars(c, AND, i),
  oc: (c, i) => logicChars(c, OR, i),
  xc: (c, i) => logicChars(c, XOR, i),

  tm: (c, i) => testByte(c, c.mem.read8(eaSI(c, i)), u8(i.i2)),
  tmy: (c, i) => testByte(c, c.mem.read8(eaSI(c, i)), u8(i.i2)),
  tmhh: (c, i) => testHalf(c, hh(c, i), i.i2),
  tmhl: (c, i) => testHalf(c, hl(c, i), i.i2),
  tmlh: (c, i) => testHalf(c, lh(c, i), i.i2),
  tmll: (c, i) => testHalf(c, ll(c, i), i.i2),
  tmh: (c, i) => testHalf(c, lh(c, i), i.i2),
  tml: (c, i) => testHalf(c, ll(c, i), i.i2),
};
