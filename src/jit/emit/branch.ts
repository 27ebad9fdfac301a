// BRANCH ON CONDITION (relative, storage and register), BRANCH ON COUNT, BRANCH AND SAVE
// (relative and register), in the 64-bit addressing mode that compiled code assumes.
import type { Insn } from '../../decoder/insn.js';
import type { Emitter, X } from './context.js';
import { rx, target, type Family } from './family.js';

function onCondition(e: Emitter, i: Insn): void {
  if ((i.m1 & 15) === 0) return;
  e.branch(target(i, i.ri2), (i.m1 & 15) === 15 ? null : e.cc.cond(i.m1));
}

/** BRANCH ON CONDITION to the i64 address (D2(X2,B2) or R2), computed before the CC is tested. */
function onConditionTo(e: Emitter, i: Insn, address: X): void {
  const t = e.let64(address);
  const exit = e.exitTo(e.get64(t));
  if ((i.m1 & 15) === 15) {
    e.emit(exit);
    e.terminated = true;
  } else e.emit(e.m.if(e.cc.cond(i.m1), exit));
}

function onCount(e: Emitter, i: Insn, wide: boolean): void {
  const m = e.m;
  if (wide) {
    const t = e.let64(m.i64.sub(e.gpr(i.r1), e.i64(0, 1)));
    e.set64(i.r1, e.get64(t));
    e.branch(target(i, i.ri2), m.i64.ne(e.get64(t), e.i64(0, 0)));
  } else {
    const t = e.let32(m.i32.sub(e.lo(i.r1), e.i32(1)));
    e.setLo(i.r1, e.get32(t));
    e.branch(target(i, i.ri2), e.get32(t));
  }
}

export const branchFamily: Family = {
  name: 'branch',
  ops: {
    brc: onCondition,
    brcl: onCondition,
    brct: (e, i) => onCount(e, i, false),
    brctg: (e, i) => onCount(e, i, true),
    bras: (e, i) => { e.set64(i.r1, e.i64n(e.nextAddr())); e.branch(target(i, i.ri2), null); },
    brasl: (e, i) => { e.set64(i.r1, e.i64n(e.nextAddr())); e.branch(target(i, i.ri2), null); },
    bc: (e, i) => { if ((i.m1 & 15) !== 0) onConditionTo(e, i, rx(e, i)); },
    bcr: (e, i) => { if (i.r2 !== 0 && (i.m1 & 15) !== 0) onConditionTo(e, i, e.gpr(i.r2)); },
    basr: (e, i) => {
      const t = e.let64(e.gpr(i.r2));
      e.set64(i.r1, e.i64n(e.nextAddr()));
      if (i.r2 === 0) return;
      e.emit(e.exitTo(e.get64(t)));
      e.terminated = true;
    },
  },
};
