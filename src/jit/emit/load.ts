// LOAD in its register, storage, immediate, address and relative forms, LOAD AND TEST, LOAD
// COMPLEMENT / POSITIVE / NEGATIVE, LOAD REVERSED, and the inserts: the moves that dominate
// compiled code.
import { CcOp } from '../../interp/cc.js';
import { overflowTrap } from './arith.js';
import type { Emitter, X } from './context.js';
import { rel, rx, s16, type Family } from './family.js';

function loadAndTest32(e: Emitter, r1: number, v: X): void {
  const t = e.let32(v);
  e.setLo(r1, e.get32(t));
  e.cc.set(CcOp.Sign32, null, null, e.m.i64.extend_u(e.get32(t)));
}

function loadAndTest64(e: Emitter, r1: number, v: X): void {
  const t = e.let64(v);
  e.set64(r1, e.get64(t));
  e.cc.set(CcOp.Sign64, null, null, e.get64(t));
}

/** What LOAD COMPLEMENT, POSITIVE and NEGATIVE need of a 32- or 64-bit operand; the CC's
 *  inputs are i64 (a 32-bit operation reads their low words). */
interface Width {
  readonly ops: (e: Emitter) => Emitter['m']['i32'] | Emitter['m']['i64'];
  readonly local: (e: Emitter, v: X) => number;
  readonly get: (e: Emitter, t: number) => X;
  readonly zero: (e: Emitter) => X;
  /** The maximum negative number: the one whose complement overflows. */
  readonly min: (e: Emitter) => X;
  readonly set: (e: Emitter, r1: number, v: X) => void;
  readonly wide: (e: Emitter, v: X) => X;
  readonly sub: CcOp;
  readonly sign: CcOp;
}

const W32: Width = {
  ops: (e) => e.m.i32, local: (e, v) => e.let32(v), get: (e, t) => e.get32(t),
  zero: (e) => e.i32(0), min: (e) => e.i32(0x80000000),
  set: (e, r1, v) => e.setLo(r1, v), wide: (e, v) => e.m.i64.extend_u(v), sub: CcOp.Sub32, sign: CcOp.Sign32,
};

const W64: Width = {
  ops: (e) => e.m.i64, local: (e, v) => e.let64(v), get: (e, t) => e.get64(t),
  zero: (e) => e.i64(0, 0), min: (e) => e.i64(0x80000000, 0),
  set: (e, r1, v) => e.set64(r1, v), wide: (_e, v) => v, sub: CcOp.Sub64, sign: CcOp.Sign64,
};

/** LOAD COMPLEMENT (0 - v) and, with onlyNegative, LOAD POSITIVE (v unless negative). Both
 *  record the subtract 0 - (-r) = r as the interpreter records LOAD COMPLEMENT: for a v that
 *  LOAD POSITIVE keeps, that cannot overflow, so its CC is r's sign as LOAD AND TEST gives it.
 *  Only the maximum negative number overflows. */
function complement(e: Emitter, w: Width, r1: number, v: X, onlyNegative: boolean): void {
  const m = e.m, o = w.ops(e);
  const tv = w.local(e, v);
  const neg = o.sub(w.zero(e), w.get(e, tv));
  const tr = w.local(e, onlyNegative ? m.select(o.lt_s(w.get(e, tv), w.zero(e)), neg, w.get(e, tv)) : neg);
  w.set(e, r1, w.get(e, tr));
  e.cc.set(w.sub, e.i64(0, 0), w.wide(e, o.sub(w.zero(e), w.get(e, tr))), w.wide(e, w.get(e, tr)));
  overflowTrap(e, o.eq(w.get(e, tv), w.min(e)));
}

/** LOAD NEGATIVE: -v for a positive v, which never overflows. */
function negative(e: Emitter, w: Width, r1: number, v: X): void {
  const m = e.m, o = w.ops(e);
  const tv = w.local(e, v);
  const tr = w.local(e, m.select(o.gt_s(w.get(e, tv), w.zero(e)), o.sub(w.zero(e), w.get(e, tv)), w.get(e, tv)));
  w.set(e, r1, w.get(e, tr));
  e.cc.set(w.sign, null, null, w.wide(e, w.get(e, tr)));
}

// Storage keeps guest bytes in reverse order (see Emitter.access), so a plain load or store is
// already big-endian and the REVERSED forms swap; WebAssembly has no byte-swap instruction.

/** The i32 v with its four bytes reversed. */
export function reverse32(e: Emitter, v: X): X {
  const m = e.m, t = e.let32(v);
  const rotl = m.i32.and(m.i32.rotl(e.get32(t), e.i32(8)), e.i32(0x00ff00ff));
  const rotr = m.i32.and(m.i32.rotr(e.get32(t), e.i32(8)), e.i32(0xff00ff00));
  return m.i32.or(rotl, rotr);
}

export function reverse64(e: Emitter, v: X): X {
  const m = e.m, t = e.let64(v);
  const word = (shift: number): X => m.i64.extend_u(reverse32(e, m.i32.wrap(m.i64.shr_u(e.get64(t), e.i64(0, shift)))));
  return m.i64.or(m.i64.shl(word(0), e.i64(0, 32)), word(32));
}

/** The low two bytes of the i32 v swapped, above them zeros. */
export function reverse16(e: Emitter, v: X): X {
  const m = e.m, t = e.let32(v);
  return m.i32.or(m.i32.and(m.i32.shl(e.get32(t), e.i32(8)), e.i32(0xff00)), m.i32.and(m.i32.shr_u(e.get32(t), e.i32(8)), e.i32(0xff)));
}

/** Replaces the bits of R1's low word that mask selects (its low byte or halfword) with v. */
function insertLow(e: Emitter, r1: number, mask: number, v: X): void {
  const m = e.m;
  e.setLo(r1, m.i32.or(m.i32.and(e.lo(r1), e.i32(~mask)), v));
}

/** Replaces the 16-bit field at `shift` (0 or 16) of the word `high` selects. */
function insertHalf(e: Emitter, r1: number, high: boolean, shift: number, v: number): void {
  const m = e.m;
  const word = high ? e.hi(r1) : e.lo(r1);
  const r = m.i32.or(m.i32.and(word, e.i32(~(0xffff << shift))), e.i32((v & 0xffff) << shift));
  if (high) e.setHi(r1, r); else e.setLo(r1, r);
}

export const loadFamily: Family = {
  name: 'load',
  ops: {
    lr: (e, i) => e.setLo(i.r1, e.lo(i.r2)),
    lgr: (e, i) => e.set64(i.r1, e.gpr(i.r2)),
    // LOAD ON CONDITION (register): R1 keeps its value unless the M3 mask takes the CC.
    locr: (e, i) => e.setLo(i.r1, e.m.select(e.cc.cond(i.m3), e.lo(i.r2), e.lo(i.r1))),
    locgr: (e, i) => e.set64(i.r1, e.m.select(e.cc.cond(i.m3), e.gpr(i.r2), e.gpr(i.r1))),
    lgfr: (e, i) => e.set64(i.r1, e.m.i64.extend_s(e.lo(i.r2))),
    llgfr: (e, i) => e.set64(i.r1, e.m.i64.extend_u(e.lo(i.r2))),
    lhr: (e, i) => e.setLo(i.r1, e.m.i32.extend16_s(e.lo(i.r2))),
    lghr: (e, i) => e.set64(i.r1, e.m.i64.extend16_s(e.gpr(i.r2))),
    lbr: (e, i) => e.setLo(i.r1, e.m.i32.extend8_s(e.lo(i.r2))),
    lgbr: (e, i) => e.set64(i.r1, e.m.i64.extend8_s(e.gpr(i.r2))),
    llcr: (e, i) => e.setLo(i.r1, e.m.i32.and(e.lo(i.r2), e.i32(0xff))),
    llgcr: (e, i) => e.set64(i.r1, e.m.i64.and(e.gpr(i.r2), e.i64(0, 0xff))),
    llhr: (e, i) => e.setLo(i.r1, e.m.i32.and(e.lo(i.r2), e.i32(0xffff))),
    llghr: (e, i) => e.set64(i.r1, e.m.i64.and(e.gpr(i.r2), e.i64(0, 0xffff))),
    llgtr: (e, i) => e.set64(i.r1, e.m.i64.and(e.gpr(i.r2), e.i64(0, 0x7fffffff))),
    ltr: (e, i) => loadAndTest32(e, i.r1, e.lo(i.r2)),
    ltgr: (e, i) => loadAndTest64(e, i.r1, e.gpr(i.r2)),
    ltgfr: (e, i) => loadAndTest64(e, i.r1, e.m.i64.extend_s(e.lo(i.r2))),
    lcr: (e, i) => complement(e, W32, i.r1, e.lo(i.r2), false),
    lcgr: (e, i) => complement(e, W64, i.r1, e.gpr(i.r2), false),
    lcgfr: (e, i) => complement(e, W64, i.r1, e.m.i64.extend_s(e.lo(i.r2)), false),
    lpr: (e, i) => complement(e, W32, i.r1, e.lo(i.r2), true),
    lpgr: (e, i) => complement(e, W64, i.r1, e.gpr(i.r2), true),
    lpgfr: (e, i) => complement(e, W64, i.r1, e.m.i64.extend_s(e.lo(i.r2)), true),
    lnr: (e, i) => negative(e, W32, i.r1, e.lo(i.r2)),
    lngr: (e, i) => negative(e, W64, i.r1, e.gpr(i.r2)),
    lngfr: (e, i) => negative(e, W64, i.r1, e.m.i64.extend_s(e.lo(i.r2))),
    lrvr: (e, i) => e.setLo(i.r1, reverse32(e, e.lo(i.r2))),
    lrvgr: (e, i) => e.set64(i.r1, reverse64(e, e.gpr(i.r2))),

    l: (e, i) => e.setLo(i.r1, e.load32(rx(e, i), 4, false)),
    ly: (e, i) => e.setLo(i.r1, e.load32(rx(e, i), 4, false)),
    lg: (e, i) => e.set64(i.r1, e.load64(rx(e, i))),
    lgf: (e, i) => e.set64(i.r1, e.m.i64.extend_s(e.load32(rx(e, i), 4, false))),
    llgf: (e, i) => e.set64(i.r1, e.m.i64.extend_u(e.load32(rx(e, i), 4, false))),
    lh: (e, i) => e.setLo(i.r1, e.load32(rx(e, i), 2, true)),
    lhy: (e, i) => e.setLo(i.r1, e.load32(rx(e, i), 2, true)),
    lgh: (e, i) => e.set64(i.r1, e.m.i64.extend_s(e.load32(rx(e, i), 2, true))),
    llh: (e, i) => e.setLo(i.r1, e.load32(rx(e, i), 2, false)),
    llgh: (e, i) => e.set64(i.r1, e.m.i64.extend_u(e.load32(rx(e, i), 2, false))),
    lb: (e, i) => e.setLo(i.r1, e.load32(rx(e, i), 1, true)),
    lgb: (e, i) => e.set64(i.r1, e.m.i64.extend_s(e.load32(rx(e, i), 1, true))),
    llc: (e, i) => e.setLo(i.r1, e.load32(rx(e, i), 1, false)),
    llgc: (e, i) => e.set64(i.r1, e.m.i64.extend_u(e.load32(rx(e, i), 1, false))),
    lt: (e, i) => loadAndTest32(e, i.r1, e.load32(rx(e, i), 4, false)),
    ltg: (e, i) => loadAndTest64(e, i.r1, e.load64(rx(e, i))),
    ltgf: (e, i) => loadAndTest64(e, i.r1, e.m.i64.extend_s(e.load32(rx(e, i), 4, false))),
    lrl: (e, i) => e.setLo(i.r1, e.load32(rel(e, i, i.ri2), 4, false)),
    lgrl: (e, i) => e.set64(i.r1, e.load64(rel(e, i, i.ri2))),
    lgfrl: (e, i) => e.set64(i.r1, e.m.i64.extend_s(e.load32(rel(e, i, i.ri2), 4, false))),
    llgfrl: (e, i) => e.set64(i.r1, e.m.i64.extend_u(e.load32(rel(e, i, i.ri2), 4, false))),
    lrv: (e, i) => e.setLo(i.r1, reverse32(e, e.load32(rx(e, i), 4, false))),
    lrvg: (e, i) => e.set64(i.r1, reverse64(e, e.load64(rx(e, i)))),
    lrvh: (e, i) => insertLow(e, i.r1, 0xffff, reverse16(e, e.load32(rx(e, i), 2, false))),
    ic: (e, i) => insertLow(e, i.r1, 0xff, e.load32(rx(e, i), 1, false)),
    icy: (e, i) => insertLow(e, i.r1, 0xff, e.load32(rx(e, i), 1, false)),

    la: (e, i) => e.set64(i.r1, rx(e, i)),
    lay: (e, i) => e.set64(i.r1, rx(e, i)),
    larl: (e, i) => e.set64(i.r1, e.i64n(i.addr + i.ri2 * 2)),
    lhi: (e, i) => e.setLo(i.r1, e.i32(s16(i.i2))),
    lghi: (e, i) => e.set64(i.r1, e.i64n(s16(i.i2))),
    lgfi: (e, i) => e.set64(i.r1, e.i64n(i.i2 | 0)),
    llilf: (e, i) => e.set64(i.r1, e.i64(0, i.i2)),
    llihf: (e, i) => e.set64(i.r1, e.i64(i.i2, 0)),
    llill: (e, i) => e.set64(i.r1, e.i64(0, i.i2 & 0xffff)),
    llilh: (e, i) => e.set64(i.r1, e.i64(0, (i.i2 & 0xffff) << 16)),
    llihl: (e, i) => e.set64(i.r1, e.i64(i.i2 & 0xffff, 0)),
    llihh: (e, i) => e.set64(i.r1, e.i64((i.i2 & 0xffff) << 16, 0)),
    iilf: (e, i) => e.setLo(i.r1, e.i32(i.i2)),
    iihf: (e, i) => e.setHi(i.r1, e.i32(i.i2)),
    iill: (e, i) => insertHalf(e, i.r1, false, 0, i.i2),
    iilh: (e, i) => insertHalf(e, i.r1, false, 16, i.i2),
    iihl: (e, i) => insertHalf(e, i.r1, true, 0, i.i2),
    iihh: (e, i) => insertHalf(e, i.r1, true, 16, i.i2),
  },
};
