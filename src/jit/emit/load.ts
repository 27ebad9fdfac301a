// LOAD in its register, storage, immediate, address and relative forms, LOAD AND TEST, and the
// immediate inserts: the moves that dominate compiled code.
import { CcOp } from '../../interp/cc.js';
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
