// PREFETCH DATA (no effect), INSERT PROGRAM MASK, and COMPARE AND SWAP: one CPU, so the swap is
// a fetch, a compare and a store back to back, as the interpreter does it.
import type { Insn } from '../../decoder/insn.js';
import { CcOp } from '../../interp/cc.js';
import { Pic } from '../../runtime/interruption.js';
import * as S from '../../runtime/state.js';
import type { Emitter } from './context.js';
import type { Family } from './family.js';

/** COMPARE AND SWAP of a word (CS, CSY) or doubleword (CSG) at D2(B2), which must be aligned
 *  (else a specification exception before any access). The operand is accessed for store
 *  whether or not the compare succeeds (in system mode a page the TLB does not hold writable
 *  goes to the interpreter). CC 0 when equal (R3 stored), else CC 1 with the operand in R1. */
function compareAndSwap(e: Emitter, i: Insn, n: 4 | 8): void {
  const m = e.m;
  const a = e.let64(e.ea(0, i.b2, i.d2));
  e.emit(m.if(m.i32.wrap(m.i64.and(e.get64(a), e.i64(0, n - 1))), e.fault(Pic.Specification)));
  e.access(e.get64(a), n, true);
  // An unequal compare stores the operand back unchanged; R1 takes the operand either way (when
  // equal it already holds it).
  if (n === 4) {
    const v = e.let32(e.loadAt(0, 4));
    const diff = e.let32(m.i32.xor(e.get32(v), e.lo(i.r1)));
    const r3 = e.let32(e.lo(i.r3));
    e.setLo(i.r1, e.get32(v));
    e.logStore(4);
    e.storeAt(0, 4, m.select(e.get32(diff), e.get32(v), e.get32(r3)));
    e.cc.set(CcOp.Zero32, null, null, m.i64.extend_u(e.get32(diff)));
  } else {
    const v = e.let64(e.loadAt(0, 8));
    const diff = e.let64(m.i64.xor(e.get64(v), e.gpr(i.r1)));
    const r3 = e.let64(e.gpr(i.r3));
    e.set64(i.r1, e.get64(v));
    e.logStore(8);
    e.storeAt(0, 8, m.select(m.i64.ne(e.get64(diff), e.i64(0, 0)), e.get64(v), e.get64(r3)));
    e.cc.set(CcOp.Zero64, null, null, e.get64(diff));
  }
  e.stored(n);
}

export const miscFamily: Family = {
  name: 'misc',
  ops: {
    // PREFETCH DATA only hints at the cache: no access, no exception.
    pfd: () => {},
    pfdrl: () => {},
    cs: (e, i) => compareAndSwap(e, i, 4),
    csy: (e, i) => compareAndSwap(e, i, 4),
    csg: (e, i) => compareAndSwap(e, i, 8),
    // R1 bits 32-39: the CC in bits 34-35 and the program mask (PSW bits 20-23) in 36-39.
    ipm: (e, i) => {
      const m = e.m;
      const mask = m.i32.and(m.i32.shr_u(m.i32.load(S.PSW_MASK0, 4, e.i32(0)), e.i32(8)), e.i32(0xf));
      const byte = m.i32.or(m.i32.shl(e.cc.value(), e.i32(28)), m.i32.shl(mask, e.i32(24)));
      e.setLo(i.r1, m.i32.or(m.i32.and(e.lo(i.r1), e.i32(0x00ffffff)), byte));
    },
  },
};
