// SHIFT LEFT/RIGHT SINGLE LOGICAL, SHIFT RIGHT SINGLE, ROTATE LEFT SINGLE LOGICAL, and ROTATE
// THEN INSERT / AND / OR / EXCLUSIVE OR SELECTED BITS. The shift amount is bits 58-63 of the
// second-operand address.
import type { Insn } from '../../decoder/insn.js';
import { CcOp } from '../../interp/cc.js';
import type { Emitter, X } from './context.js';
import type { Family } from './family.js';

const amount = (e: Emitter, i: Insn): X => e.m.i64.and(e.ea(0, i.b2, i.d2), e.i64(0, 63));

/** A 32-bit shift done on the 64-bit extension of the word, so amounts of 32 to 63 come out as
 *  the architecture says (all zeros, or all sign bits). */
function shift32(e: Emitter, r1: number, src: number, kind: 'shl' | 'shr_u' | 'shr_s', cc: boolean): void {
  const m = e.m;
  const wide = kind === 'shr_s' ? m.i64.extend_s(e.lo(src)) : m.i64.extend_u(e.lo(src));
  const t = e.let32(m.i32.wrap(m.i64[kind](wide, amount(e, e.insn))));
  e.setLo(r1, e.get32(t));
  if (cc) e.cc.set(CcOp.Sign32, null, null, m.i64.extend_u(e.get32(t)));
}

function shift64(e: Emitter, i: Insn, kind: 'shl' | 'shr_u' | 'shr_s' | 'rotl', cc: boolean): void {
  const t = e.let64(e.m.i64[kind](e.gpr(i.r3), amount(e, i)));
  e.set64(i.r1, e.get64(t));
  if (cc) e.cc.set(CcOp.Sign64, null, null, e.get64(t));
}

/** Bits start..end of a doubleword (PoP numbering, wrapping past bit 63). */
function selectMask(start: number, end: number): bigint {
  let mask = 0n;
  for (let b = start; ; b = (b + 1) & 63) {
    mask |= 1n << BigInt(63 - b);
    if (b === end) return mask;
  }
}

/** RISBG, RISBGN: insert the selected bits of R2 rotated into R1, zeroing the rest if asked. */
function risbg(e: Emitter, i: Insn, cc: boolean): void {
  const m = e.m;
  const mask = selectMask(i.i3 & 63, i.i4 & 63);
  const rotated = m.i64.rotl(e.gpr(i.r2), e.i64(0, i.i5 & 63));
  let v = m.i64.and(rotated, m.i64.const(BigInt.asIntN(64, mask)));
  if ((i.i4 & 0x80) === 0) v = m.i64.or(v, m.i64.and(e.gpr(i.r1), m.i64.const(BigInt.asIntN(64, ~mask))));
  const t = e.let64(v);
  e.set64(i.r1, e.get64(t));
  if (cc) e.cc.set(CcOp.Sign64, null, null, e.get64(t));
}

/** RNSBG, ROSBG, RXSBG: combine the selected bits of R2 rotated with R1; CC 0 when the
 *  selected bits come out zero. The T bit (I3 bit 0) tests without changing R1. */
function rxsbg(e: Emitter, i: Insn, op: 'and' | 'or' | 'xor'): void {
  const m = e.m;
  const mask = m.i64.const(BigInt.asIntN(64, selectMask(i.i3 & 63, i.i4 & 63)));
  const rotated = m.i64.rotl(e.gpr(i.r2), e.i64(0, i.i5 & 63));
  const sel = e.let64(m.i64.and(m.i64[op](e.gpr(i.r1), rotated), mask));
  e.cc.set(CcOp.Zero64, null, null, e.get64(sel));
  if ((i.i3 & 0x80) !== 0) return;
  const keep = m.i64.and(e.gpr(i.r1), m.i64.const(BigInt.asIntN(64, ~selectMask(i.i3 & 63, i.i4 & 63))));
  e.set64(i.r1, m.i64.or(keep, e.get64(sel)));
}

export const shiftFamily: Family = {
  name: 'shift',
  ops: {
    sll: (e, i) => shift32(e, i.r1, i.r1, 'shl', false),
    srl: (e, i) => shift32(e, i.r1, i.r1, 'shr_u', false),
    sra: (e, i) => shift32(e, i.r1, i.r1, 'shr_s', true),
    sllk: (e, i) => shift32(e, i.r1, i.r3, 'shl', false),
    srlk: (e, i) => shift32(e, i.r1, i.r3, 'shr_u', false),
    srak: (e, i) => shift32(e, i.r1, i.r3, 'shr_s', true),
    rll: (e, i) => {
      const t = e.let32(e.m.i32.rotl(e.lo(i.r3), e.m.i32.wrap(amount(e, i))));
      e.setLo(i.r1, e.get32(t));
    },
    sllg: (e, i) => shift64(e, i, 'shl', false),
    srlg: (e, i) => shift64(e, i, 'shr_u', false),
    srag: (e, i) => shift64(e, i, 'shr_s', true),
    rllg: (e, i) => shift64(e, i, 'rotl', false),
    risbg: (e, i) => risbg(e, i, true),
    risbgn: (e, i) => risbg(e, i, false),
    rnsbg: (e, i) => rxsbg(e, i, 'and'),
    rosbg: (e, i) => rxsbg(e, i, 'or'),
    rxsbg: (e, i) => rxsbg(e, i, 'xor'),
  },
};
