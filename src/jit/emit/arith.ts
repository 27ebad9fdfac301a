// ADD and SUBTRACT, signed and logical, in register, storage and immediate forms. Signed
// overflow stores the result and sets CC 3, then interrupts when the program mask enables it.
import type { Insn } from '../../decoder/insn.js';
import { CcOp } from '../../interp/cc.js';
import { Pic } from '../../runtime/interruption.js';
import * as S from '../../runtime/state.js';
import type { Emitter, X } from './context.js';
import { rx, s16, s8, si, type Family } from './family.js';

/** PSW bit 20, fixed-point overflow mask, in mask word 0. */
const FIXED_OVERFLOW = 1 << (31 - 20);

/** After a result is stored: a fixed-point overflow interrupts when the program mask enables it. */
export function overflowTrap(e: Emitter, overflow: X): void {
  const m = e.m;
  const enabled = m.i32.and(m.i32.load(S.PSW_MASK0, 4, e.i32(0)), e.i32(FIXED_OVERFLOW));
  e.emit(m.if(overflow, m.if(enabled, e.fault(Pic.FixedPointOverflow))));
}

function signed32(e: Emitter, r1: number, a: X, b: X, sub: boolean): void {
  const m = e.m;
  const ta = e.let32(a), tb = e.let32(b);
  const tr = e.let32(sub ? m.i32.sub(e.get32(ta), e.get32(tb)) : m.i32.add(e.get32(ta), e.get32(tb)));
  e.setLo(r1, e.get32(tr));
  const ext = (t: number): X => m.i64.extend_u(e.get32(t));
  e.cc.set(sub ? CcOp.Sub32 : CcOp.Add32, ext(ta), ext(tb), ext(tr));
  const x = sub ? m.i32.xor(e.get32(ta), e.get32(tb)) : m.i32.xor(e.get32(ta), e.get32(tr));
  const y = sub ? m.i32.xor(e.get32(ta), e.get32(tr)) : m.i32.xor(e.get32(tb), e.get32(tr));
  overflowTrap(e, m.i32.lt_s(m.i32.and(x, y), e.i32(0)));
}

function signed64(e: Emitter, r1: number, a: X, b: X, sub: boolean): void {
  const m = e.m;
  const ta = e.let64(a), tb = e.let64(b);
  const tr = e.let64(sub ? m.i64.sub(e.get64(ta), e.get64(tb)) : m.i64.add(e.get64(ta), e.get64(tb)));
  e.set64(r1, e.get64(tr));
  e.cc.set(sub ? CcOp.Sub64 : CcOp.Add64, e.get64(ta), e.get64(tb), e.get64(tr));
  const x = sub ? m.i64.xor(e.get64(ta), e.get64(tb)) : m.i64.xor(e.get64(ta), e.get64(tr));
  const y = sub ? m.i64.xor(e.get64(ta), e.get64(tr)) : m.i64.xor(e.get64(tb), e.get64(tr));
  overflowTrap(e, m.i64.lt_s(m.i64.and(x, y), e.i64(0, 0)));
}

/** Logical 32-bit: the sum or difference of the zero-extended words, whose bit 32 (add) or
 *  sign (subtract) gives the carry. A carry in (an i32, 0 or 1) is added; a subtract's is the
 *  no-borrow bit, so it takes 1 - carryIn away. */
function logical32(e: Emitter, r1: number, a: X, b: X, sub: boolean, carryIn: X | null = null): void {
  const m = e.m;
  const za = m.i64.extend_u(a), zb = m.i64.extend_u(b);
  let s = sub ? m.i64.sub(za, zb) : m.i64.add(za, zb);
  if (carryIn !== null) {
    const c = m.i64.extend_u(carryIn);
    s = m.i64.add(s, sub ? m.i64.sub(c, e.i64(0, 1)) : c);
  }
  const t = e.let64(s);
  e.setLo(r1, m.i32.wrap(e.get64(t)));
  const carry = sub ? m.i64.extend_u(m.i64.ge_s(e.get64(t), e.i64(0, 0))) : m.i64.shr_u(e.get64(t), e.i64(0, 32));
  e.cc.set(CcOp.Logical32, carry, null, e.get64(t));
}

function logical64(e: Emitter, r1: number, a: X, b: X, sub: boolean): void {
  const m = e.m;
  const ta = e.let64(a), tb = e.let64(b);
  const tr = e.let64(sub ? m.i64.sub(e.get64(ta), e.get64(tb)) : m.i64.add(e.get64(ta), e.get64(tb)));
  e.set64(r1, e.get64(tr));
  const carry = sub ? m.i64.ge_u(e.get64(ta), e.get64(tb)) : m.i64.lt_u(e.get64(tr), e.get64(ta));
  e.cc.set(CcOp.Logical64, m.i64.extend_u(carry), null, e.get64(tr));
}

/** CC 2 or 3: a carry (or, after a subtract, no borrow). */
const carryIn = (e: Emitter): X => e.m.i32.shr_u(e.cc.value(), e.i32(1));

/** ADD LOGICAL WITH CARRY and SUBTRACT LOGICAL WITH BORROW (64): a - b - borrow is
 *  a + ~b + no-borrow, so both add with the CC's carry bit in; the carry out is then r < a, or
 *  r <= a when a carry came in (a + max + 1 wraps to a exactly). */
function logicalCarry64(e: Emitter, r1: number, a: X, b: X, sub: boolean): void {
  const m = e.m;
  const c = e.let32(carryIn(e));
  const ta = e.let64(a);
  const addend = sub ? m.i64.xor(b, e.i64(-1, -1)) : b;
  const tr = e.let64(m.i64.add(m.i64.add(e.get64(ta), addend), m.i64.extend_u(e.get32(c))));
  e.set64(r1, e.get64(tr));
  const carry = m.select(e.get32(c), m.i64.le_u(e.get64(tr), e.get64(ta)), m.i64.lt_u(e.get64(tr), e.get64(ta)));
  e.cc.set(CcOp.Logical64, m.i64.extend_u(carry), null, e.get64(tr));
}

/** ADD (LOGICAL) WITH SIGNED IMMEDIATE to the word or doubleword at D1(B1): one access for
 *  store, then the CC as the register forms set it; the sum is stored before an overflow
 *  interrupts, and the CC is set before the store's code check may end the block. (When that
 *  check ends the block, because the store rewrote this block's code, an enabled overflow is
 *  not raised: Emitter.stored leaves at once.) */
function addStorage(e: Emitter, i: Insn, n: 4 | 8, logical: boolean): void {
  const m = e.m;
  const y = s8(i.i2);
  e.access(si(e, i), n, true);
  if (n === 4) {
    const tx = e.let32(e.loadAt(0, 4));
    const tr = e.let32(m.i32.add(e.get32(tx), e.i32(y)));
    e.logStore(4);
    e.storeAt(0, 4, e.get32(tr));
    if (logical) {
      // The immediate is added as unsigned (2^32 - |y| when negative), so a carry is r < x.
      const carry = m.i64.extend_u(m.i32.lt_u(e.get32(tr), e.get32(tx)));
      e.cc.set(CcOp.Logical32, carry, null, m.i64.extend_u(e.get32(tr)));
    } else {
      e.cc.set(CcOp.Add32, m.i64.extend_u(e.get32(tx)), e.i64n(y >>> 0), m.i64.extend_u(e.get32(tr)));
    }
    e.stored(4);
    if (!logical) overflowTrap(e, m.i32.lt_s(m.i32.and(m.i32.xor(e.get32(tx), e.get32(tr)), m.i32.xor(e.i32(y), e.get32(tr))), e.i32(0)));
  } else {
    const tx = e.let64(e.loadAt(0, 8));
    const tr = e.let64(m.i64.add(e.get64(tx), e.i64n(y)));
    e.logStore(8);
    e.storeAt(0, 8, e.get64(tr));
    if (logical) {
      const carry = m.i64.lt_u(e.get64(tr), e.get64(tx));
      e.cc.set(CcOp.Logical64, m.i64.extend_u(carry), null, e.get64(tr));
    } else {
      e.cc.set(CcOp.Add64, e.get64(tx), e.i64n(y), e.get64(tr));
    }
    e.stored(8);
    if (!logical) overflowTrap(e, m.i64.lt_s(m.i64.and(m.i64.xor(e.get64(tx), e.get64(tr)), m.i64.xor(e.i64n(y), e.get64(tr))), e.i64(0, 0)));
  }
}

const mem32 = (e: Emitter, i: Insn): X => e.load32(rx(e, i), 4, false);
const mem16 = (e: Emitter, i: Insn): X => e.load32(rx(e, i), 2, true);
const sext = (e: Emitter, v: X): X => e.m.i64.extend_s(v);
const zext = (e: Emitter, v: X): X => e.m.i64.extend_u(v);

export const arithFamily: Family = {
  name: 'arith',
  ops: {
    ar: (e, i) => signed32(e, i.r1, e.lo(i.r1), e.lo(i.r2), false),
    ark: (e, i) => signed32(e, i.r1, e.lo(i.r2), e.lo(i.r3), false),
    a: (e, i) => signed32(e, i.r1, e.lo(i.r1), mem32(e, i), false),
    ay: (e, i) => signed32(e, i.r1, e.lo(i.r1), mem32(e, i), false),
    ah: (e, i) => signed32(e, i.r1, e.lo(i.r1), mem16(e, i), false),
    ahy: (e, i) => signed32(e, i.r1, e.lo(i.r1), mem16(e, i), false),
    ahi: (e, i) => signed32(e, i.r1, e.lo(i.r1), e.i32(s16(i.i2)), false),
    ahik: (e, i) => signed32(e, i.r1, e.lo(i.r3), e.i32(s16(i.i2)), false),
    afi: (e, i) => signed32(e, i.r1, e.lo(i.r1), e.i32(i.i2), false),
    agr: (e, i) => signed64(e, i.r1, e.gpr(i.r1), e.gpr(i.r2), false),
    agrk: (e, i) => signed64(e, i.r1, e.gpr(i.r2), e.gpr(i.r3), false),
    ag: (e, i) => signed64(e, i.r1, e.gpr(i.r1), e.load64(rx(e, i)), false),
    agfr: (e, i) => signed64(e, i.r1, e.gpr(i.r1), sext(e, e.lo(i.r2)), false),
    agf: (e, i) => signed64(e, i.r1, e.gpr(i.r1), sext(e, mem32(e, i)), false),
    aghi: (e, i) => signed64(e, i.r1, e.gpr(i.r1), e.i64n(s16(i.i2)), false),
    aghik: (e, i) => signed64(e, i.r1, e.gpr(i.r3), e.i64n(s16(i.i2)), false),
    agfi: (e, i) => signed64(e, i.r1, e.gpr(i.r1), e.i64n(i.i2 | 0), false),
    asi: (e, i) => addStorage(e, i, 4, false),
    agsi: (e, i) => addStorage(e, i, 8, false),

    sr: (e, i) => signed32(e, i.r1, e.lo(i.r1), e.lo(i.r2), true),
    srk: (e, i) => signed32(e, i.r1, e.lo(i.r2), e.lo(i.r3), true),
    s: (e, i) => signed32(e, i.r1, e.lo(i.r1), mem32(e, i), true),
    sy: (e, i) => signed32(e, i.r1, e.lo(i.r1), mem32(e, i), true),
    sh: (e, i) => signed32(e, i.r1, e.lo(i.r1), mem16(e, i), true),
    shy: (e, i) => signed32(e, i.r1, e.lo(i.r1), mem16(e, i), true),
    sgr: (e, i) => signed64(e, i.r1, e.gpr(i.r1), e.gpr(i.r2), true),
    sgrk: (e, i) => signed64(e, i.r1, e.gpr(i.r2), e.gpr(i.r3), true),
    sg: (e, i) => signed64(e, i.r1, e.gpr(i.r1), e.load64(rx(e, i)), true),
    sgfr: (e, i) => signed64(e, i.r1, e.gpr(i.r1), sext(e, e.lo(i.r2)), true),
    sgf: (e, i) => signed64(e, i.r1, e.gpr(i.r1), sext(e, mem32(e, i)), true),

    alr: (e, i) => logical32(e, i.r1, e.lo(i.r1), e.lo(i.r2), false),
    alrk: (e, i) => logical32(e, i.r1, e.lo(i.r2), e.lo(i.r3), false),
    al: (e, i) => logical32(e, i.r1, e.lo(i.r1), mem32(e, i), false),
    aly: (e, i) => logical32(e, i.r1, e.lo(i.r1), mem32(e, i), false),
    alfi: (e, i) => logical32(e, i.r1, e.lo(i.r1), e.i32(i.i2), false),
    alhsik: (e, i) => logical32(e, i.r1, e.lo(i.r3), e.i32(s16(i.i2)), false),
    algr: (e, i) => logical64(e, i.r1, e.gpr(i.r1), e.gpr(i.r2), false),
    algrk: (e, i) => logical64(e, i.r1, e.gpr(i.r2), e.gpr(i.r3), false),
    alg: (e, i) => logical64(e, i.r1, e.gpr(i.r1), e.load64(rx(e, i)), false),
    algfr: (e, i) => logical64(e, i.r1, e.gpr(i.r1), zext(e, e.lo(i.r2)), false),
    algf: (e, i) => logical64(e, i.r1, e.gpr(i.r1), zext(e, mem32(e, i)), false),
    algfi: (e, i) => logical64(e, i.r1, e.gpr(i.r1), e.i64(0, i.i2), false),
    alghsik: (e, i) => logical64(e, i.r1, e.gpr(i.r3), e.i64n(s16(i.i2)), false),
    alsi: (e, i) => addStorage(e, i, 4, true),
    algsi: (e, i) => addStorage(e, i, 8, true),

    slr: (e, i) => logical32(e, i.r1, e.lo(i.r1), e.lo(i.r2), true),
    slrk: (e, i) => logical32(e, i.r1, e.lo(i.r2), e.lo(i.r3), true),
    sl: (e, i) => logical32(e, i.r1, e.lo(i.r1), mem32(e, i), true),
    sly: (e, i) => logical32(e, i.r1, e.lo(i.r1), mem32(e, i), true),
    slfi: (e, i) => logical32(e, i.r1, e.lo(i.r1), e.i32(i.i2), true),
    slgr: (e, i) => logical64(e, i.r1, e.gpr(i.r1), e.gpr(i.r2), true),
    slgrk: (e, i) => logical64(e, i.r1, e.gpr(i.r2), e.gpr(i.r3), true),
    slg: (e, i) => logical64(e, i.r1, e.gpr(i.r1), e.load64(rx(e, i)), true),
    slgfr: (e, i) => logical64(e, i.r1, e.gpr(i.r1), zext(e, e.lo(i.r2)), true),
    slgf: (e, i) => logical64(e, i.r1, e.gpr(i.r1), zext(e, mem32(e, i)), true),
    slgfi: (e, i) => logical64(e, i.r1, e.gpr(i.r1), e.i64(0, i.i2), true),

    alcr: (e, i) => logical32(e, i.r1, e.lo(i.r1), e.lo(i.r2), false, carryIn(e)),
    alc: (e, i) => logical32(e, i.r1, e.lo(i.r1), mem32(e, i), false, carryIn(e)),
    alcgr: (e, i) => logicalCarry64(e, i.r1, e.gpr(i.r1), e.gpr(i.r2), false),
    alcg: (e, i) => logicalCarry64(e, i.r1, e.gpr(i.r1), e.load64(rx(e, i)), false),
    slbr: (e, i) => logical32(e, i.r1, e.lo(i.r1), e.lo(i.r2), true, carryIn(e)),
    slb: (e, i) => logical32(e, i.r1, e.lo(i.r1), mem32(e, i), true, carryIn(e)),
    slbgr: (e, i) => logicalCarry64(e, i.r1, e.gpr(i.r1), e.gpr(i.r2), true),
    slbg: (e, i) => logicalCarry64(e, i.r1, e.gpr(i.r1), e.load64(rx(e, i)), true),
  },
};
