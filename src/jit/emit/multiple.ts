// LOAD MULTIPLE and STORE MULTIPLE (every function's prologue and epilogue): one bounds check
// and one code-map check for the whole operand, then a load or store per register.
import type { Insn } from '../../decoder/insn.js';
import type { Emitter } from './context.js';
import type { Family } from './family.js';

/** Registers r1 .. r3, wrapping from 15 to 0. */
function registers(i: Insn): number[] {
  const n = ((i.r3 - i.r1) & 15) + 1;
  return Array.from({ length: n }, (_, k) => (i.r1 + k) & 15);
}

function loadMultiple(e: Emitter, i: Insn, w: 4 | 8): void {
  const regs = registers(i), len = regs.length * w;
  e.access(e.ea(0, i.b2, i.d2), len);
  // Every value is read before any register changes: the base may be among them.
  const values = regs.map((_, k) => (w === 8 ? e.let64(e.loadAt(len - w - k * w, 8)) : e.let32(e.loadAt(len - w - k * w, 4))));
  regs.forEach((r, k) => (w === 8 ? e.set64(r, e.get64(values[k])) : e.setLo(r, e.get32(values[k]))));
}

function storeMultiple(e: Emitter, i: Insn, w: 4 | 8): void {
  const regs = registers(i), len = regs.length * w;
  e.access(e.ea(0, i.b2, i.d2), len, true);
  e.logStore(len);
  regs.forEach((r, k) => e.storeAt(len - w - k * w, w, w === 8 ? e.gpr(r) : e.lo(r)));
  e.stored(len);
}

export const multipleFamily: Family = {
  name: 'multiple',
  ops: {
    lmg: (e, i) => loadMultiple(e, i, 8),
    stmg: (e, i) => storeMultiple(e, i, 8),
    lm: (e, i) => loadMultiple(e, i, 4),
    lmy: (e, i) => loadMultiple(e, i, 4),
    stm: (e, i) => storeMultiple(e, i, 4),
    stmy: (e, i) => storeMultiple(e, i, 4),
  },
};
