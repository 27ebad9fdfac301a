// DIVIDE LOGICAL (64): the 128-bit R1:R1+1 by a doubleword, unsigned, the remainder to R1 and
// the quotient to R1+1. Wasm has no 128-bit division, so it is restoring shift-and-subtract,
// one quotient bit a step (the Linux boot's multi-precision arithmetic runs 850,000 of these,
// which the interpreter does with BigInts).
import type { Insn } from '../../decoder/insn.js';
import { Pic } from '../../runtime/interruption.js';
import type { Emitter, X } from './context.js';
import { rx, type Family } from './family.js';

function divideLogical128(e: Emitter, i: Insn, divisor: () => X): void {
  // An odd R1 is a specification exception: the interpreter raises it.
  if ((i.r1 & 1) !== 0) {
    e.helper();
    return;
  }
  const m = e.m, o = m.i64, r1 = i.r1;
  const d = e.let64(divisor());
  // The quotient fits in 64 bits exactly when the high half is below the divisor, which also
  // rules out a zero divisor; otherwise the operation is suppressed.
  e.emit(m.if(o.ge_u(e.gpr(r1), e.get64(d)), e.fault(Pic.FixedPointDivide)));
  const r = e.let64(e.gpr(r1)), lo = e.let64(e.gpr(r1 + 1)), q = e.let64(e.i64(0, 0)), n = e.let32(e.i32(64));
  const get = (t: number): X => e.get64(t), one = (): X => e.i64(0, 1), shift63 = (): X => e.i64(0, 63);
  // r stays below d; doubling it may carry out of 64 bits, and then it is above d for sure.
  const carry = e.let32(e.i32(0));
  const label = `dl${e.k}`;
  e.emit(m.loop(label, m.block(null, [
    m.local.set(carry, m.i32.wrap(o.shr_u(get(r), shift63()))),
    m.local.set(r, o.or(o.shl(get(r), one()), o.shr_u(get(lo), shift63()))),
    m.local.set(lo, o.shl(get(lo), one())),
    m.local.set(q, o.shl(get(q), one())),
    m.if(m.i32.or(e.get32(carry), o.ge_u(get(r), get(d))), m.block(null, [
      m.local.set(r, o.sub(get(r), get(d))),
      m.local.set(q, o.or(get(q), one())),
    ])),
    m.local.set(n, m.i32.sub(e.get32(n), e.i32(1))),
    m.br(label, e.get32(n)),
  ])));
  e.set64(r1, get(r));
  e.set64(r1 + 1, get(q));
}

export const divideFamily: Family = {
  name: 'divide',
  ops: {
    dlgr: (e, i) => divideLogical128(e, i, () => e.gpr(i.r2)),
    dlg: (e, i) => divideLogical128(e, i, () => e.load64(rx(e, i))),
  },
};
