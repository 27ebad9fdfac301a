// COMPARE and COMPARE LOGICAL (register, storage, immediate, relative), and COMPARE AND BRANCH
// RELATIVE, whose comparison feeds the branch directly and leaves the CC alone.
import type { Insn } from '../../decoder/insn.js';
import { CcOp } from '../../interp/cc.js';
import { relation, type Width } from './cc.js';
import type { Emitter, X } from './context.js';
import { rel, rx, s16, s8, si, target, type Family } from './family.js';

type Kind = 's32' | 'u32' | 's64' | 'u64';
const OP: Record<Kind, CcOp> = { s32: CcOp.Cmp32, u32: CcOp.CmpL32, s64: CcOp.Cmp64, u64: CcOp.CmpL64 };

/** Records a compare of a with b: i32 values for the 32-bit kinds, i64 for the others. */
function compare(e: Emitter, kind: Kind, a: X, b: X): void {
  const m = e.m;
  const wide = kind === 's32' || kind === 'u32' ? (v: X): X => m.i64.extend_u(v) : (v: X): X => v;
  e.cc.set(OP[kind], wide(a), wide(b), null);
}

/** COMPARE AND BRANCH: to the relative target when mask M3 selects the result. */
function compareBranch(e: Emitter, i: Insn, kind: Kind, a: X, b: X): void {
  const w: Width = kind === 's32' || kind === 'u32' ? 32 : 64;
  const ta = w === 32 ? e.let32(a) : e.let64(a), tb = w === 32 ? e.let32(b) : e.let64(b);
  const get = w === 32 ? (t: number) => (): X => e.get32(t) : (t: number) => (): X => e.get64(t);
  e.branch(target(i, i.ri4), relation(e, i.m3, get(ta), get(tb), w, kind[0] === 's'));
}

const m32 = (e: Emitter, i: Insn): X => e.load32(rx(e, i), 4, false);
const m16 = (e: Emitter, i: Insn): X => e.load32(rx(e, i), 2, true);
const sx = (e: Emitter, v: X): X => e.m.i64.extend_s(v);
const zx = (e: Emitter, v: X): X => e.m.i64.extend_u(v);

export const compareFamily: Family = {
  name: 'compare',
  ops: {
    cr: (e, i) => compare(e, 's32', e.lo(i.r1), e.lo(i.r2)),
    c: (e, i) => compare(e, 's32', e.lo(i.r1), m32(e, i)),
    cy: (e, i) => compare(e, 's32', e.lo(i.r1), m32(e, i)),
    ch: (e, i) => compare(e, 's32', e.lo(i.r1), m16(e, i)),
    chy: (e, i) => compare(e, 's32', e.lo(i.r1), m16(e, i)),
    chi: (e, i) => compare(e, 's32', e.lo(i.r1), e.i32(s16(i.i2))),
    cfi: (e, i) => compare(e, 's32', e.lo(i.r1), e.i32(i.i2)),
    crl: (e, i) => compare(e, 's32', e.lo(i.r1), e.load32(rel(e, i, i.ri2), 4, false)),
    chsi: (e, i) => compare(e, 's32', e.load32(si(e, i), 4, false), e.i32(s16(i.i2))),
    chhsi: (e, i) => compare(e, 's32', e.load32(si(e, i), 2, true), e.i32(s16(i.i2))),
    cgr: (e, i) => compare(e, 's64', e.gpr(i.r1), e.gpr(i.r2)),
    cg: (e, i) => compare(e, 's64', e.gpr(i.r1), e.load64(rx(e, i))),
    cgfr: (e, i) => compare(e, 's64', e.gpr(i.r1), sx(e, e.lo(i.r2))),
    cgf: (e, i) => compare(e, 's64', e.gpr(i.r1), sx(e, m32(e, i))),
    cgh: (e, i) => compare(e, 's64', e.gpr(i.r1), sx(e, m16(e, i))),
    cghi: (e, i) => compare(e, 's64', e.gpr(i.r1), e.i64n(s16(i.i2))),
    cgfi: (e, i) => compare(e, 's64', e.gpr(i.r1), e.i64n(i.i2 | 0)),
    cgrl: (e, i) => compare(e, 's64', e.gpr(i.r1), e.load64(rel(e, i, i.ri2))),
    cgfrl: (e, i) => compare(e, 's64', e.gpr(i.r1), sx(e, e.load32(rel(e, i, i.ri2), 4, false))),
    cghsi: (e, i) => compare(e, 's64', e.load64(si(e, i)), e.i64n(s16(i.i2))),

    clr: (e, i) => compare(e, 'u32', e.lo(i.r1), e.lo(i.r2)),
    cl: (e, i) => compare(e, 'u32', e.lo(i.r1), m32(e, i)),
    cly: (e, i) => compare(e, 'u32', e.lo(i.r1), m32(e, i)),
    clfi: (e, i) => compare(e, 'u32', e.lo(i.r1), e.i32(i.i2)),
    clrl: (e, i) => compare(e, 'u32', e.lo(i.r1), e.load32(rel(e, i, i.ri2), 4, false)),
    cli: (e, i) => compare(e, 'u32', e.load32(si(e, i), 1, false), e.i32(i.i2 & 0xff)),
    cliy: (e, i) => compare(e, 'u32', e.load32(si(e, i), 1, false), e.i32(i.i2 & 0xff)),
    clhhsi: (e, i) => compare(e, 'u32', e.load32(si(e, i), 2, false), e.i32(i.i2 & 0xffff)),
    clfhsi: (e, i) => compare(e, 'u32', e.load32(si(e, i), 4, false), e.i32(i.i2 & 0xffff)),
    clgr: (e, i) => compare(e, 'u64', e.gpr(i.r1), e.gpr(i.r2)),
    clg: (e, i) => compare(e, 'u64', e.gpr(i.r1), e.load64(rx(e, i))),
    clgfr: (e, i) => compare(e, 'u64', e.gpr(i.r1), zx(e, e.lo(i.r2))),
    clgf: (e, i) => compare(e, 'u64', e.gpr(i.r1), zx(e, m32(e, i))),
    clgfi: (e, i) => compare(e, 'u64', e.gpr(i.r1), e.i64(0, i.i2)),
    clgrl: (e, i) => compare(e, 'u64', e.gpr(i.r1), e.load64(rel(e, i, i.ri2))),
    clghsi: (e, i) => compare(e, 'u64', e.load64(si(e, i)), e.i64(0, i.i2 & 0xffff)),

    crj: (e, i) => compareBranch(e, i, 's32', e.lo(i.r1), e.lo(i.r2)),
    clrj: (e, i) => compareBranch(e, i, 'u32', e.lo(i.r1), e.lo(i.r2)),
    cgrj: (e, i) => compareBranch(e, i, 's64', e.gpr(i.r1), e.gpr(i.r2)),
    clgrj: (e, i) => compareBranch(e, i, 'u64', e.gpr(i.r1), e.gpr(i.r2)),
    cij: (e, i) => compareBranch(e, i, 's32', e.lo(i.r1), e.i32(s8(i.i2))),
    clij: (e, i) => compareBranch(e, i, 'u32', e.lo(i.r1), e.i32(i.i2 & 0xff)),
    cgij: (e, i) => compareBranch(e, i, 's64', e.gpr(i.r1), e.i64n(s8(i.i2))),
    clgij: (e, i) => compareBranch(e, i, 'u64', e.gpr(i.r1), e.i64(0, i.i2 & 0xff)),
  },
};
