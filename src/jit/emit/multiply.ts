// MULTIPLY SINGLE and MULTIPLY HALFWORD (the low bits of the product, no CC), and the
// multiplies into an even-odd register pair: MULTIPLY and MULTIPLY LOGICAL 32 x 32 -> 64 take one
// i64 product; MULTIPLY LOGICAL 64 x 64 -> 128 builds the high half from 32-bit limbs.
import type { Insn } from '../../decoder/insn.js';
import type { Emitter, X } from './context.js';
import { rx, s16, type Family } from './family.js';

const mem32 = (e: Emitter, i: Insn): X => e.load32(rx(e, i), 4, false);
const mem16 = (e: Emitter, i: Insn): X => e.load32(rx(e, i), 2, true);

function single32(e: Emitter, r1: number, b: X): void {
  e.setLo(r1, e.m.i32.mul(e.lo(r1), b));
}

/** b is an i64; a 32-bit operand comes sign-extended (the low 64 bits are the same either way
 *  for the other operand, which is all 64 bits of R1). */
function single64(e: Emitter, r1: number, b: X): void {
  e.set64(r1, e.m.i64.mul(e.gpr(r1), b));
}

/** An odd R1 is a specification exception: the interpreter raises it. */
function pair(e: Emitter, i: Insn, multiply: () => void): void {
  if ((i.r1 & 1) !== 0) e.helper();
  else multiply();
}

/** R1+1's word times b, extended as `signed` says, into the pair: R1 gets bits 0-31, R1+1 bits
 *  32-63 of the 64-bit product. */
function pair32(e: Emitter, r1: number, b: X, signed: boolean): void {
  const m = e.m;
  const ext = (v: X): X => (signed ? m.i64.extend_s(v) : m.i64.extend_u(v));
  const p = e.let64(m.i64.mul(ext(e.lo(r1 + 1)), ext(b)));
  e.setLo(r1, m.i32.wrap(m.i64.shr_u(e.get64(p), e.i64(0, 32))));
  e.setLo(r1 + 1, m.i32.wrap(e.get64(p)));
}

/** R1+1 times the i64 b, unsigned, into the pair: R1 gets the high doubleword, R1+1 the low. The
 *  four 32 x 32 limb products are exact in i64; the middle column's carries go to the high half. */
function pair64(e: Emitter, r1: number, b: X): void {
  const m = e.m, o = m.i64;
  const mask = (): X => e.i64(0, -1), n32 = (): X => e.i64(0, 32);
  const a = e.let64(e.gpr(r1 + 1)), tb = e.let64(b);
  const lo = (t: number): X => o.and(e.get64(t), mask()), hi = (t: number): X => o.shr_u(e.get64(t), n32());
  const p00 = e.let64(o.mul(lo(a), lo(tb))), p01 = e.let64(o.mul(lo(a), hi(tb)));
  const p10 = e.let64(o.mul(hi(a), lo(tb))), p11 = o.mul(hi(a), hi(tb));
  const mid = o.add(o.add(hi(p00), lo(p01)), lo(p10));
  const high = o.add(o.add(p11, o.add(hi(p01), hi(p10))), o.shr_u(mid, n32()));
  const low = o.mul(e.get64(a), e.get64(tb));
  const th = e.let64(high);
  e.set64(r1 + 1, low);
  e.set64(r1, e.get64(th));
}

export const multiplyFamily: Family = {
  name: 'multiply',
  ops: {
    msr: (e, i) => single32(e, i.r1, e.lo(i.r2)),
    ms: (e, i) => single32(e, i.r1, mem32(e, i)),
    msy: (e, i) => single32(e, i.r1, mem32(e, i)),
    msfi: (e, i) => single32(e, i.r1, e.i32(i.i2)),
    mh: (e, i) => single32(e, i.r1, mem16(e, i)),
    mhy: (e, i) => single32(e, i.r1, mem16(e, i)),
    mhi: (e, i) => single32(e, i.r1, e.i32(s16(i.i2))),
    msgr: (e, i) => single64(e, i.r1, e.gpr(i.r2)),
    msg: (e, i) => single64(e, i.r1, e.load64(rx(e, i))),
    msgfr: (e, i) => single64(e, i.r1, e.m.i64.extend_s(e.lo(i.r2))),
    msgf: (e, i) => single64(e, i.r1, e.m.i64.extend_s(mem32(e, i))),
    msgfi: (e, i) => single64(e, i.r1, e.i64n(i.i2 | 0)),
    mghi: (e, i) => single64(e, i.r1, e.i64n(s16(i.i2))),

    mr: (e, i) => pair(e, i, () => pair32(e, i.r1, e.lo(i.r2), true)),
    m: (e, i) => pair(e, i, () => pair32(e, i.r1, mem32(e, i), true)),
    mfy: (e, i) => pair(e, i, () => pair32(e, i.r1, mem32(e, i), true)),
    mlr: (e, i) => pair(e, i, () => pair32(e, i.r1, e.lo(i.r2), false)),
    ml: (e, i) => pair(e, i, () => pair32(e, i.r1, mem32(e, i), false)),
    mlgr: (e, i) => pair(e, i, () => pair64(e, i.r1, e.gpr(i.r2))),
    mlg: (e, i) => pair(e, i, () => pair64(e, i.r1, e.load64(rx(e, i)))),
  },
};
