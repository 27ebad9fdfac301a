// COMPARE, COMPARE LOGICAL (register, storage, immediate, relative), COMPARE AND BRANCH and
// COMPARE AND TRAP. Compares set the lazy CC; the branch and trap forms never touch it.
import type { Insn } from '../../decoder/insn.js';
import { CcOp } from '../cc.js';
import type { Cpu } from '../cpu.js';
import type { HandlerTable } from '../registry.js';
import { eaSI, mem64, memS16, memS32, relAddr, s16, s8, u16, u8 } from './operand.js';

/** 0 equal, 1 first low, 2 first high. */
export function cmpS64(aHi: number, aLo: number, bHi: number, bLo: number): number {
  if (aHi !== bHi) return aHi < bHi ? 1 : 2;
  aLo >>>= 0; bLo >>>= 0;
  return aLo === bLo ? 0 : aLo < bLo ? 1 : 2;
}

export function cmpU64(aHi: number, aLo: number, bHi: number, bLo: number): number {
  return cmpS64(aHi ^ 0x80000000, aLo, bHi ^ 0x80000000, bLo);
}

export function cmpS32(a: number, b: number): number {
  return a === b ? 0 : a < b ? 1 : 2;
}

export function cmpU32(a: number, b: number): number {
  return cmpS32(a >>> 0, b >>> 0);
}

function cmp32(c: Cpu, a: number, b: number): void {
  c.cc32(CcOp.Cmp32, a, b, 0);
}

function cmpL32(c: Cpu, a: number, b: number): void {
  c.cc32(CcOp.CmpL32, a, b, 0);
}

function cmp64(c: Cpu, aHi: number, aLo: number, bHi: number, bLo: number): void {
  c.cc64(CcOp.Cmp64, aHi, aLo, bHi, bLo, 0, 0);
}

function cmpL64(c: Cpu, aHi: number, aLo: number, bHi: number, bLo: number): void {
  c.cc64(CcOp.CmpL64, aHi, aLo, bHi, bLo, 0, 0);
}

/** Mask bit for a compare result: 8 equal, 4 low, 2 high. */
function selected(mask: number, result: number): boolean {
  return ((mask << result) & 8) !== 0;
}

function branchIf(c: Cpu, i: Insn, result: number): void {
  if (selected(i.m3, result)) c.branchRelative(i, i.ri4);
}

function branchToIf(c: Cpu, i: Insn, result: number): void {
  if (selected(i.m3, result)) {
    const a = c.ea(0, i.b4, i.d4);
    c.branchTo(c.eaHi, a >>> 0);
  }
}

/** COMPARE AND TRAP: a selected result is a data exception with DXC FF. */
function trapIf(c: Cpu, mask: number, result: number): void {
  if (selected(mask, result)) c.dataException(0xff);
}

/** COMPARE LOGICAL CHARACTERS UNDER MASK: bytes of word selected by mask, left to right,
 *  against successive bytes at addr. */
function clm(c: Cpu, word: number, mask: number, addr: number): void {
  let cc = 0;
  for (let bit = 3; bit >= 0; bit--) {
    if ((mask & (1 << bit)) === 0) continue;
    const x = (word >>> (bit * 8)) & 0xff;
    const y = c.mem.read8(addr);
    addr = c.addAddr(addr, 1);
    if (x !== y) { cc = x < y ? 1 : 2; break; }
  }
  c.cc = cc;
}

const r64 = (c: Cpu, r: number, i: Insn): number => cmpS64(c.hi(i.r1), c.lo(i.r1), c.hi(r), c.lo(r));
const rl64 = (c: Cpu, r: number, i: Insn): number => cmpU64(c.hi(i.r1), c.lo(i.r1), c.hi(r), c.lo(r));
const sImm64 = (c: Cpu, i: Insn, b: number): number => cmpS64(c.hi(i.r1), c.lo(i.r1), b >> 31, b);
const uImm64 = (c: Cpu, i: Insn, b: number): number => cmpU64(c.hi(i.r1), c.lo(i.r1), 0, b);

export const compareOps: HandlerTable = {
  // COMPARE
  cr: (c, i) => cmp32(c, c.lo(i.r1), c.lo(i.r2)),
  c: (c, i) => cmp32(c, c.lo(i.r1), memS32(c, i)),
  cy: (c, i) => cmp32(c, c.lo(i.r1), memS32(c, i)),
  ch: (c, i) => cmp32(c, c.lo(i.r1), memS16(c, i)),
  chy: (c, i) => cmp32(c, c.lo(i.r1), memS16(c, i)),
  chi: (c, i) => cmp32(c, c.lo(i.r1), s16(i.i2)),
  cfi: (c, i) => cmp32(c, c.lo(i.r1), i.i2 | 0),
  crl: (c, i) => cmp32(c, c.lo(i.r1), c.mem.readS32(relAddr(c, i, i.ri2))),
  chrl: (c, i) => cmp32(c, c.lo(i.r1), s16(c.mem.read16(relAddr(c, i, i.ri2)))),
  cgr: (c, i) => cmp64(c, c.hi(i.r1), c.lo(i.r1), c.hi(i.r2), c.lo(i.r2)),
  cg: (c, i) => { mem64(c, i); cmp64(c, c.hi(i.r1), c.lo(i.r1), c.mem.hi, c.mem.lo); },
  cgfr: (c, i) => { const b = c.lo(i.r2); cmp64(c, c.hi(i.r1), c.lo(i.r1), b >> 31, b); },
  cgf: (c, i) => { const b = memS32(c, i); cmp64(c, c.hi(i.r1), c.lo(i.r1), b >> 31, b); },
  cgh: (c, i) => { const b = memS16(c, i); cmp64(c, c.hi(i.r1), c.lo(i.r1), b >> 31, b); },
  cghi: (c, i) => { const b = s16(i.i2); cmp64(c, c.hi(i.r1), c.lo(i.r1), b >> 31, b); },
  cgfi: (c, i) => { const b = i.i2 | 0; cmp64(c, c.hi(i.r1), c.lo(i.r1), b >> 31, b); },
  cgrl: (c, i) => { c.mem.read64(relAddr(c, i, i.ri2)); cmp64(c, c.hi(i.r1), c.lo(i.r1), c.mem.hi, c.mem.lo); },
  cgfrl: (c, i) => { const b = c.mem.readS32(relAddr(c, i, i.ri2)); cmp64(c, c.hi(i.r1), c.lo(i.r1), b >> 31, b); },
  cghrl: (c, i) => { const b = s16(c.mem.read16(relAddr(c, i, i.ri2))); cmp64(c, c.hi(i.r1), c.lo(i.r1), b >> 31, b); },
  chhsi: (c, i) => cmp32(c, s16(c.mem.read16(eaSI(c, i))), s16(i.i2)),
  chsi: (c, i) => cmp32(c, c.mem.readS32(eaSI(c, i)), s16(i.i2)),
  cghsi: (c, i) => { c.mem.read64(eaSI(c, i)); const b = s16(i.i2); cmp64(c, c.mem.hi, c.mem.lo, b >> 31, b); },

  // COMPARE LOGICAL
  clr: (c, i) => cmpL32(c, c.lo(i.r1), c.lo(i.r2)),
  cl: (c, i) => cmpL32(c, c.lo(i.r1), memS32(c, i)),
  cly: (c, i) => cmpL32(c, c.lo(i.r1), memS32(c, i)),
  clfi: (c, i) => cmpL32(c, c.lo(i.r1), i.i2),
  clrl: (c, i) => cmpL32(c, c.lo(i.r1), c.mem.readS32(relAddr(c, i, i.ri2))),
  clhrl: (c, i) => cmpL32(c, c.lo(i.r1), c.mem.read16(relAddr(c, i, i.ri2))),
  clgr: (c, i) => cmpL64(c, c.hi(i.r1), c.lo(i.r1), c.hi(i.r2), c.lo(i.r2)),
  clg: (c, i) => { mem64(c, i); cmpL64(c, c.hi(i.r1), c.lo(i.r1), c.mem.hi, c.mem.lo); },
  clgfr: (c, i) => cmpL64(c, c.hi(i.r1), c.lo(i.r1), 0, c.lo(i.r2)),
  clgf: (c, i) => cmpL64(c, c.hi(i.r1), c.lo(i.r1), 0, memS32(c, i)),
  clgfi: (c, i) => cmpL64(c, c.hi(i.r1), c.lo(i.r1), 0, i.i2),
  clgrl: (c, i) => { c.mem.read64(relAddr(c, i, i.ri2)); cmpL64(c, c.hi(i.r1), c.lo(i.r1), c.mem.hi, c.mem.lo); },
  clgfrl: (c, i) => cmpL64(c, c.hi(i.r1), c.lo(i.r1), 0, c.mem.readS32(relAddr(c, i, i.ri2))),
  clghrl: (c, i) => cmpL64(c, c.hi(i.r1), c.lo(i.r1), 0, c.mem.read16(relAddr(c, i, i.ri2))),
  cli: (c, i) => cmpL32(c, c.mem.read8(eaSI(c, i)), u8(i.i2)),
  cliy: (c, i) => cmpL32(c, c.mem.read8(eaSI(c, i)), u8(i.i2)),
  clhhsi: (c, i) => cmpL32(c, c.mem.read16(eaSI(c, i)), u16(i.i2)),
  clfhsi: (c, i) => cmpL32(c, c.mem.read32(eaSI(c, i)), u16(i.i2)),
  clghsi: (c, i) => { c.mem.read64(eaSI(c, i)); cmpL64(c, c.mem.hi, c.mem.lo, 0, u16(i.i2)); },
  clm: (c, i) => clm(c, c.lo(i.r1), i.m3, c.ea(0, i.b2, i.d2)),
  clmy: (c, i) => clm(c, c.lo(i.r1), i.m3, c.ea(0, i.b2, i.d2)),
  clmh: (c, i) => clm(c, c.hi(i.r1), i.m3, c.ea(0, i.b2, i.d2)),

  // COMPARE AND BRANCH (RELATIVE)
  crj: (c, i) => branchIf(c, i, cmpS32(c.lo(i.r1), c.lo(i.r2))),
  cgrj: (c, i) => branchIf(c, i, r64(c, i.r2, i)),
  clrj: (c, i) => branchIf(c, i, cmpU32(c.lo(i.r1), c.lo(i.r2))),
  clgrj: (c, i) => branchIf(c, i, rl64(c, i.r2, i)),
  cij: (c, i) => branchIf(c, i, cmpS32(c.lo(i.r1), s8(i.i2))),
  cgij: (c, i) => branchIf(c, i, sImm64(c, i, s8(i.i2))),
  clij: (c, i) => branchIf(c, i, cmpU32(c.lo(i.r1), u8(i.i2))),
  clgij: (c, i) => branchIf(c, i, uImm64(c, i, u8(i.i2))),
  crb: (c, i) => branchToIf(c, i, cmpS32(c.lo(i.r1), c.lo(i.r2))),
  cgrb: (c, i) => branchToIf(c, i, r64(c, i.r2, i)),
  clrb: (c, i) => branchToIf(c, i, cmpU32(c.lo(i.r1), c.lo(i.r2))),
  clgrb: (c, i) => branchToIf(c, i, rl64(c, i.r2, i)),
  cib: (c, i) => branchToIf(c, i, cmpS32(c.lo(i.r1), s8(i.i2))),
  cgib: (c, i) => branchToIf(c, i, sImm64(c, i, s8(i.i2))),
  clib: (c, i) => branchToIf(c, i, cmpU32(c.lo(i.r1), u8(i.i2))),
  clgib: (c, i) => branchToIf(c, i, uImm64(c, i, u8(i.i2))),

  // COMPARE AND TRAP
  crt: (c, i) => trapIf(c, i.m3, cmpS32(c.lo(i.r1), c.lo(i.r2))),
  cgrt: (c, i) => trapIf(c, i.m3, r64(c, i.r2, i)),
  clrt: (c, i) => trapIf(c, i.m3, cmpU32(c.lo(i.r1), c.lo(i.r2))),
  clgrt: (c, i) => trapIf(c, i.m3, rl64(c, i.r2, i)),
  cit: (c, i) => trapIf(c, i.m3, cmpS32(c.lo(i.r1), s16(i.i2))),
  cgit: (c, i) => trapIf(c, i.m3, sImm64(c, i, s16(i.i2))),
  clfit: (c, i) => trapIf(c, i.m3, cmpU32(c.lo(i.r1), u16(i.i2))),
  clgit: (c, i) => trapIf(c, i.m3, uImm64(c, i, u16(i.i2))),
};

