// LOAD / STORE ON CONDITION (z196), including the high-word and immediate forms.
import type { Insn } from '../../decoder/insn.js';
import type { Cpu } from '../cpu.js';
import type { HandlerTable } from '../registry.js';
import { eaRS, s16 } from './operand.js';

function cond(c: Cpu, i: Insn): boolean {
  return ((i.m3 << c.cc) & 8) !== 0;
}

export const conditionalOps: HandlerTable = {
  locr: (c, i) => { if (cond(c, i)) c.setLo(i.r1, c.lo(i.r2)); },
  locgr: (c, i) => { if (cond(c, i)) c.set64(i.r1, c.hi(i.r2), c.lo(i.r2)); },
  locfhr: (c, i) => { if (cond(c, i)) c.setHi(i.r1, c.hi(i.r2)); },
  loc: (c, i) => { if (cond(c, i)) c.setLo(i.r1, c.mem.readS32(eaRS(c, i))); },
  locg: (c, i) => {
    if (!cond(c, i)) return;
    c.mem.read64(eaRS(c, i));
    c.set64(i.r1, c.mem.hi, c.mem.lo);
  },
  locfh: (c, i) => { if (cond(c, i)) c.setHi(i.r1, c.mem.readS32(eaRS(c, i))); },
  stoc: (c, i) => { if (cond(c, i)) c.mem.write32(eaRS(c, i), c.lo(i.r1)); },
  stocg: (c, i) => { if (cond(c, i)) c.mem.write64(eaRS(c, i), c.hi(i.r1), c.lo(i.r1)); },
  stocfh: (c, i) => { if (cond(c, i)) c.mem.write32(eaRS(c, i), c.hi(i.r1)); },
  lochi: (c, i) => { if (cond(c, i)) c.setLo(i.r1, s16(i.i2)); },
  locghi: (c, i) => { if (cond(c, i)) { const v = s16(i.i2); c.set64(i.r1, v >> 31, v); } },
  lochhi: (c, i) => { if (cond(c, i)) c.setHi(i.r1, s16(i.i2)); },
};
