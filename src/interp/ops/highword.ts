// High-word facility (z196): arithmetic, compares, loads and stores on bits 0-31 of a GPR.
import type { Insn } from '../../decoder/insn.js';
import { CcOp } from '../cc.js';
import type { Cpu } from '../cpu.js';
import type { HandlerTable } from '../registry.js';
import { eaRX, memS32, s16, s8 } from './operand.js';
import { cmpS32, cmpU32 } from './compare.js';

function addHigh(c: Cpu, r1: number, a: number, b: number): void {
  const r = (a + b) | 0;
  c.setHi(r1, r);
  c.cc32(CcOp.Add32, a, b, r);
  if (((a ^ r) & (b ^ r)) < 0) c.fixedOverflow();
}

function subHigh(c: Cpu, r1: number, a: number, b: number): void {
  const r = (a - b) | 0;
  c.setHi(r1, r);
  c.cc32(CcOp.Sub32, a, b, r);
  if (((a ^ b) & (a ^ r)) < 0) c.fixedOverflow();
}

function addLogicalHigh(c: Cpu, r1: number, a: number, b: number): void {
  const s = (a >>> 0) + (b >>> 0);
  c.setHi(r1, s | 0);
  c.cc32(CcOp.Logical32, s > 0xffffffff ? 1 : 0, 0, s | 0);
}

function subLogicalHigh(c: Cpu, r1: number, a: number, b: number): void {
  const s = (a >>> 0) - (b >>> 0);
  c.setHi(r1, s | 0);
  c.cc32(CcOp.Logical32, s < 0 ? 0 : 1, 0, s | 0);
}

function brcth(c: Cpu, i: Insn): void {
  const v = (c.hi(i.r1) - 1) | 0;
  c.setHi(i.r1, v);
  if (v !== 0) c.branchRelative(i, i.ri2);
}

export const highWordOps: HandlerTable = {
  ahhhr: (c, i) => addHigh(c, i.r1, c.hi(i.r2), c.hi(i.r3)),
  ahhlr: (c, i) => addHigh(c, i.r1, c.hi(i.r2), c.lo(i.r3)),
  aih: (c, i) => addHigh(c, i.r1, c.hi(i.r1), i.i2 | 0),
  shhhr: (c, i) => subHigh(c, i.r1, c.hi(i.r2), c.hi(i.r3)),
  shhlr: (c, i) => subHigh(c, i.r1, c.hi(i.r2), c.lo(i.r3)),
  alhhhr: (c, i) => addLogicalHigh(c, i.r1, c.hi(i.r2), c.hi(i.r3)),
  alhhlr: (c, i) => addLogicalHigh(c, i.r1, c.hi(i.r2), c.lo(i.r3)),
  alsih: (c, i) => addLogicalHigh(c, i.r1, c.hi(i.r1), i.i2 | 0),
  alsihn: (c, i) => c.setHi(i.r1, (c.hi(i.r1) + (i.i2 | 0)) | 0),
  slhhhr: (c, i) => subLogicalHigh(c, i.r1, c.hi(i.r2), c.hi(i.r3)),
  slhhlr: (c, i) => subLogicalHigh(c, i.r1, c.hi(i.r2), c.lo(i.r3)),
  brcth: brcth,

  chhr: (c, i) => { c.cc = cmpS32(c.hi(i.r1), c.hi(i.r2)); },
  chlr: (c, i) => { c.cc = cmpS32(c.hi(i.r1), c.lo(i.r2)); },
  chf: (c, i) => { c.cc = cmpS32(c.hi(i.r1), memS32(c, i)); },
  cih: (c, i) => { c.cc = cmpS32(c.hi(i.r1), i.i2 | 0); },
  clhhr: (c, i) => { c.cc = cmpU32(c.hi(i.r1), c.hi(i.r2)); },
  clhlr: (c, i) => { c.cc = cmpU32(c.hi(i.r1), c.lo(i.r2)); },
  clhf: (c, i) => { c.cc = cmpU32(c.hi(i.r1), memS32(c, i)); },
  clih: (c, i) => { c.cc = cmpU32(c.hi(i.r1), i.i2); },

  lbh: (c, i) => c.setHi(i.r1, s8(c.mem.read8(eaRX(c, i)))),
  lhh: (c, i) => c.setHi(i.r1, s16(c.mem.read16(eaRX(c, i)))),
  lfh: (c, i) => c.setHi(i.r1, memS32(c, i)),
  llch: (c, i) => c.setHi(i.r1, c.mem.read8(eaRX(c, i))),
  llhh: (c, i) => c.setHi(i.r1, c.mem.read16(eaRX(c, i))),
  stch: (c, i) => c.mem.write8(eaRX(c, i), c.hi(i.r1)),
  sthh: (c, i) => c.mem.write16(eaRX(c, i), c.hi(i.r1)),
  stfh: (c, i) => c.mem.write32(eaRX(c, i), c.hi(i.r1)),
};
