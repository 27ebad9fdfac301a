// AND, OR and EXCLUSIVE OR on registers, storage and immediates, and TEST UNDER MASK.
import type { Insn } from '../../decoder/insn.js';
import { CcOp } from '../../interp/cc.js';
import type { Emitter, X } from './context.js';
import { rx, si, type Family } from './family.js';

type Op = 'and' | 'or' | 'xor';

function word32(e: Emitter, r1: number, op: Op, a: X, b: X): void {
  const t = e.let32(e.m.i32[op](a, b));
  e.setLo(r1, e.get32(t));
  e.cc.set(CcOp.Zero32, null, null, e.m.i64.extend_u(e.get32(t)));
}

function word64(e: Emitter, r1: number, op: Op, a: X, b: X): void {
  const t = e.let64(e.m.i64[op](a, b));
  e.set64(r1, e.get64(t));
  e.cc.set(CcOp.Zero64, null, null, e.get64(t));
}

/** The immediate forms on a halfword or word of R1: the CC reflects only the changed field. */
function field(e: Emitter, i: Insn, op: Op, high: boolean, shift: number, width: 16 | 32): void {
  const m = e.m;
  const fieldMask = width === 32 ? -1 : 0xffff << shift;
  const imm = width === 32 ? i.i2 | 0 : (i.i2 & 0xffff) << shift;
  const word = high ? e.hi(i.r1) : e.lo(i.r1);
  const t = e.let32(m.i32[op](word, e.i32(op === 'and' ? imm | ~fieldMask : imm)));
  if (high) e.setHi(i.r1, e.get32(t)); else e.setLo(i.r1, e.get32(t));
  e.cc.set(CcOp.Zero32, null, null, m.i64.extend_u(m.i32.and(e.get32(t), e.i32(fieldMask))));
}

/** NI, OI, XI: read, combine and store one byte, through one access for the store: where it
 *  cannot be made (a page holding code, protection) the interpreter takes the instruction
 *  before anything of it, the CC too, is done. */
function byte(e: Emitter, i: Insn, op: Op): void {
  e.access(si(e, i), 1, true);
  const t = e.let32(e.m.i32[op](e.loadAt(0, 1), e.i32(i.i2 & 0xff)));
  e.logStore(1);
  e.storeAt(0, 1, e.get32(t));
  // The CC before stored(), which may leave the block right after this instruction.
  e.cc.set(CcOp.Zero32, null, null, e.m.i64.extend_u(e.get32(t)));
  e.stored(1);
}

/** TEST UNDER MASK: 0 none of the selected bits set (or no mask), 3 all, else 1, or for the
 *  halfword forms 2 when the leftmost selected bit is one. */
function test(e: Emitter, v: X, mask: number, leftmost: boolean): void {
  const m = e.m;
  const sel = e.let32(m.i32.and(v, e.i32(mask)));
  const top = mask === 0 ? 0 : 0x80000000 >>> Math.clz32(mask);
  const mixed = leftmost ? m.select(m.i32.and(e.get32(sel), e.i32(top)), e.i32(2), e.i32(1)) : e.i32(1);
  const all = m.select(m.i32.eq(e.get32(sel), e.i32(mask)), e.i32(3), mixed);
  e.cc.setValue(m.select(m.i32.eqz(e.get32(sel)), e.i32(0), all));
}

const mem32 = (e: Emitter, i: Insn): X => e.load32(rx(e, i), 4, false);
const half = (e: Emitter, i: Insn, high: boolean, shift: number): X =>
  e.m.i32.and(e.m.i32.shr_u(high ? e.hi(i.r1) : e.lo(i.r1), e.i32(shift)), e.i32(0xffff));

const ops: Record<string, (e: Emitter, i: Insn) => void> = {};
for (const [op, n] of [['and', 'n'], ['or', 'o'], ['xor', 'x']] as const) {
  ops[`${n}r`] = (e, i) => word32(e, i.r1, op, e.lo(i.r1), e.lo(i.r2));
  ops[`${n}rk`] = (e, i) => word32(e, i.r1, op, e.lo(i.r2), e.lo(i.r3));
  ops[n] = (e, i) => word32(e, i.r1, op, e.lo(i.r1), mem32(e, i));
  ops[`${n}y`] = ops[n];
  ops[`${n}gr`] = (e, i) => word64(e, i.r1, op, e.gpr(i.r1), e.gpr(i.r2));
  ops[`${n}grk`] = (e, i) => word64(e, i.r1, op, e.gpr(i.r2), e.gpr(i.r3));
  ops[`${n}g`] = (e, i) => word64(e, i.r1, op, e.gpr(i.r1), e.load64(rx(e, i)));
  ops[`${n}ihf`] = (e, i) => field(e, i, op, true, 0, 32);
  ops[`${n}ilf`] = (e, i) => field(e, i, op, false, 0, 32);
  ops[`${n}i`] = (e, i) => byte(e, i, op);
  ops[`${n}iy`] = ops[`${n}i`];
  if (op !== 'xor') {
    ops[`${n}ihh`] = (e, i) => field(e, i, op, true, 16, 16);
    ops[`${n}ihl`] = (e, i) => field(e, i, op, true, 0, 16);
    ops[`${n}ilh`] = (e, i) => field(e, i, op, false, 16, 16);
    ops[`${n}ill`] = (e, i) => field(e, i, op, false, 0, 16);
  }
}
ops.tm = (e, i) => test(e, e.load32(si(e, i), 1, false), i.i2 & 0xff, false);
ops.tmy = ops.tm;
ops.tmhh = (e, i) => test(e, half(e, i, true, 16), i.i2 & 0xffff, true);
ops.tmhl = (e, i) => test(e, half(e, i, true, 0), i.i2 & 0xffff, true);
ops.tmlh = (e, i) => test(e, half(e, i, false, 16), i.i2 & 0xffff, true);
ops.tmll = (e, i) => test(e, half(e, i, false, 0), i.i2 & 0xffff, true);
ops.tmh = ops.tmlh;
ops.tml = ops.tmll;

export const logicalFamily: Family = { name: 'logical', ops };
