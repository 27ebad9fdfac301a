// Branches: BRANCH ON CONDITION, BRANCH AND SAVE / LINK, BRANCH ON COUNT, BRANCH ON INDEX,
// their relative forms, and SET ADDRESSING MODE.
import type { Insn } from '../../decoder/insn.js';
import { Pic, ProgramException } from '../../runtime/interruption.js';
import type { Cpu } from '../cpu.js';
import type { HandlerTable } from '../registry.js';
import * as u64 from '../u64.js';
import { eaRS, eaRX } from './operand.js';
import { cmpS64 } from './compare.js';

/** Branch mask bit for the current CC (8 for CC 0 ... 1 for CC 3). */
function taken(c: Cpu, mask: number): boolean {
  return ((mask << c.cc) & 8) !== 0;
}

function branchToEa(c: Cpu, a: number): void {
  c.branchTo(c.eaHi, a >>> 0);
}

function branchToReg(c: Cpu, r: number): void {
  c.branchTo(c.hi(r), c.lo(r));
}

/** BRANCH AND LINK in the 24-bit mode keeps ILC, CC and program mask with the address. */
function linkBal(c: Cpu, r1: number, ilc: number): void {
  if (c.amode !== 24) c.setLinkage(r1);
  else c.setLo(r1, (ilc << 30) | (c.cc << 28) | (((c.pswMask0 >>> 8) & 0xf) << 24) | c.ia);
}

/** BRANCH ON INDEX: r1 += r3; compare with the odd register of the r3 pair (read first). */
function bxh32(c: Cpu, i: Insn, high: boolean): boolean {
  const incr = c.lo(i.r3), comparand = c.lo(i.r3 | 1);
  const sum = (c.lo(i.r1) + incr) | 0;
  c.setLo(i.r1, sum);
  return high ? sum > comparand : sum <= comparand;
}

function bxh64(c: Cpu, i: Insn, high: boolean): boolean {
  const incHi = c.hi(i.r3), incLo = c.lo(i.r3);
  const cmpHi = c.hi(i.r3 | 1), cmpLo = c.lo(i.r3 | 1);
  const lo = u64.add64(c.hi(i.r1), c.lo(i.r1), incHi, incLo, 0), hi = u64.hi;
  c.set64(i.r1, hi, lo);
  const r = cmpS64(hi, lo, cmpHi, cmpLo);
  return high ? r === 2 : r !== 2;
}

function countDown32(c: Cpu, r1: number): boolean {
  const v = (c.lo(r1) - 1) | 0;
  c.setLo(r1, v);
  return v !== 0;
}

function countDown64(c: Cpu, r1: number): boolean {
  const lo = u64.sub64(c.hi(r1), c.lo(r1), 0, 1, 1), hi = u64.hi;
  c.set64(r1, hi, lo);
  return (hi | lo) !== 0;
}

/** SET ADDRESSING MODE: the updated instruction address must fit the new mode. */
function setMode(c: Cpu, mode: 24 | 31 | 64): void {
  const limit = mode === 24 ? 0x1000000 : 0x80000000;
  if (mode !== 64 && (c.iaHi !== 0 || c.ia >= limit)) throw new ProgramException(Pic.Specification);
  const ea = mode === 64 ? 1 : 0, ba = mode === 24 ? 0 : 0x80000000;
  c.setPswMask((c.pswMask0WithCc() & ~1) | ea, (c.pswMask1 & 0x7fffffff) | ba);
}

export const branchOps: HandlerTable = {
  bc: (c, i) => { if (taken(c, i.m1)) branchToEa(c, eaRX(c, i)); },
  bcr: (c, i) => { if (i.r2 !== 0 && taken(c, i.m1)) branchToReg(c, i.r2); },
  brc: (c, i) => { if (taken(c, i.m1)) c.branchRelative(i, i.ri2); },
  brcl: (c, i) => { if (taken(c, i.m1)) c.branchRelative(i, i.ri2); },

  bas: (c, i) => { const a = eaRX(c, i), h = c.eaHi; c.setLinkage(i.r1); c.branchTo(h, a >>> 0); },
  basr: (c, i) => {
    const hi = c.hi(i.r2), lo = c.lo(i.r2);
    c.setLinkage(i.r1);
    if (i.r2 !== 0) c.branchTo(hi, lo);
  },
  bal: (c, i) => { const a = eaRX(c, i), h = c.eaHi; linkBal(c, i.r1, 2); c.branchTo(h, a >>> 0); },
  balr: (c, i) => {
    const hi = c.hi(i.r2), lo = c.lo(i.r2);
    linkBal(c, i.r1, 1);
    if (i.r2 !== 0) c.branchTo(hi, lo);
  },
  bras: (c, i) => { c.setLinkage(i.r1); c.branchRelative(i, i.ri2); },
  brasl: (c, i) => { c.setLinkage(i.r1); c.branchRelative(i, i.ri2); },

  bct: (c, i) => { const a = eaRX(c, i), h = c.eaHi; if (countDown32(c, i.r1)) c.branchTo(h, a >>> 0); },
  bctr: (c, i) => {
    const hi = c.hi(i.r2), lo = c.lo(i.r2);
    if (countDown32(c, i.r1) && i.r2 !== 0) c.branchTo(hi, lo);
  },
  bctg: (c, i) => { const a = eaRX(c, i), h = c.eaHi; if (countDown64(c, i.r1)) c.branchTo(h, a >>> 0); },
  bctgr: (c, i) => {
    const hi = c.hi(i.r2), lo = c.lo(i.r2);
    if (countDown64(c, i.r1) && i.r2 !== 0) c.branchTo(hi, lo);
  },
  brct: (c, i) => { if (countDown32(c, i.r1)) c.branchRelative(i, i.ri2); },
  brctg: (c, i) => { if (countDown64(c, i.r1)) c.branchRelative(i, i.ri2); },

  bxh: (c, i) => { const a = eaRS(c, i), h = c.eaHi; if (bxh32(c, i, true)) c.branchTo(h, a >>> 0); },
  bxle: (c, i) => { const a = eaRS(c, i), h = c.eaHi; if (bxh32(c, i, false)) c.branchTo(h, a >>> 0); },
  bxhg: (c, i) => { const a = eaRS(c, i), h = c.eaHi; if (bxh64(c, i, true)) c.branchTo(h, a >>> 0); },
  bxleg: (c, i) => { const a = eaRS(c, i), h = c.eaHi; if (bxh64(c, i, false)) c.branchTo(h, a >>> 0); },
  brxh: (c, i) => { if (bxh32(c, i, true)) c.branchRelative(i, i.ri2); },
  brxle: (c, i) => { if (bxh32(c, i, false)) c.branchRelative(i, i.ri2); },
  brxhg: (c, i) => { if (bxh64(c, i, true)) c.branchRelative(i, i.ri2); },
  brxlg: (c, i) => { if (bxh64(c, i, false)) c.branchRelative(i, i.ri2); },

  sam24: (c) => setMode(c, 24),
  sam31: (c) => setMode(c, 31),
  sam64: (c) => setMode(c, 64),
};
