// Fixed-point multiply and divide (MULTIPLY, MULTIPLY SINGLE, MULTIPLY LOGICAL, DIVIDE,
// DIVIDE LOGICAL, DIVIDE SINGLE). Multiplies stay in 32-bit halves; divides are rare enough
// to use BigInt.
import type { Insn } from '../../decoder/insn.js';
import { Pic, ProgramException } from '../../runtime/interruption.js';
import type { Cpu } from '../cpu.js';
import type { HandlerTable } from '../registry.js';
import * as u64 from '../u64.js';
import { mem64, memS16, memS32, s16 } from './operand.js';

/** Operations on an even-odd register pair need an even R1. */
function evenR1(i: Insn): number {
  if ((i.r1 & 1) !== 0) throw new ProgramException(Pic.Specification);
  return i.r1;
}

function divideException(): never {
  throw new ProgramException(Pic.FixedPointDivide);
}

/** Signed 32 x 32 -> 64 into the pair: R1 gets bits 0-31, R1+1 bits 32-63. */
function mulPair32(c: Cpu, r1: number, b: number): void {
  const lo = u64.mulS32(c.lo(r1 + 1), b);
  c.setLo(r1, u64.hi);
  c.setLo(r1 + 1, lo);
}

function mulLogicalPair32(c: Cpu, r1: number, b: number): void {
  const lo = u64.mulU32(c.lo(r1 + 1), b);
  c.setLo(r1, u64.hi);
  c.setLo(r1 + 1, lo);
}

function mulLogicalPair64(c: Cpu, r1: number, bHi: number, bLo: number): void {
  const upLo = u64.mulU64(c.hi(r1 + 1), c.lo(r1 + 1), bHi, bLo);
  c.set64(r1, u64.hi, upLo);
  c.set64(r1 + 1, u64.hi2, u64.lo2);
}

/** R1 = low 64 bits of R1 x b (64-bit). */
function mulSingle64(c: Cpu, r1: number, bHi: number, bLo: number): void {
  const lo = u64.mulLo64(c.hi(r1), c.lo(r1), bHi, bLo);
  c.set64(r1, u64.hi, lo);
}

/** DIVIDE: 64-bit signed dividend in the pair, 32-bit signed divisor. */
function divPair32(c: Cpu, r1: number, divisor: number): void {
  if (divisor === 0) divideException();
  const dividend = BigInt.asIntN(64, u64.toBig(c.lo(r1), c.lo(r1 + 1)));
  const d = BigInt(divisor);
  const q = dividend / d;
  if (q !== BigInt.asIntN(32, q)) divideException();
  c.setLo(r1, Number(dividend % d));
  c.setLo(r1 + 1, Number(q));
}

/** DIVIDE LOGICAL (32): 64-bit unsigned dividend in the pair. */
function divLogicalPair32(c: Cpu, r1: number, divisor: number): void {
  const d = BigInt(divisor >>> 0);
  if (d === 0n) divideException();
  const dividend = u64.toBig(c.lo(r1), c.lo(r1 + 1));
  const q = dividend / d;
  if (q > 0xffffffffn) divideException();
  c.setLo(r1, Number(BigInt.asIntN(32, dividend % d)));
  c.setLo(r1 + 1, Number(BigInt.asIntN(32, q)));
}

/** DIVIDE LOGICAL (64): 128-bit unsigned dividend in the pair. */
function divLogicalPair64(c: Cpu, r1: number, dHi: number, dLo: number): void {
  const d = u64.toBig(dHi, dLo);
  if (d === 0n) divideException();
  const dividend = (u64.toBig(c.hi(r1), c.lo(r1)) << 64n) | u64.toBig(c.hi(r1 + 1), c.lo(r1 + 1));
  const q = dividend / d;
  if (q > 0xffffffffffffffffn) divideException();
  setBig(c, r1, dividend % d);
  setBig(c, r1 + 1, q);
}

/** DIVIDE SINGLE (64): signed dividend in R1+1, remainder to R1, quotient to R1+1. */
function divSingle64(c: Cpu, r1: number, dHi: number, dLo: number): void {
  const d = BigInt.asIntN(64, u64.toBig(dHi, dLo));
  if (d === 0n) divideException();
  const dividend = BigInt.asIntN(64, u64.toBig(c.hi(r1 + 1), c.lo(r1 + 1)));
  const q = dividend / d;
  if (q !== BigInt.asIntN(64, q)) divideException();
  setBig(c, r1, dividend % d);
  setBig(c, r1 + 1, q);
}

function setBig(c: Cpu, r: number, v: bigint): void {
  const lo = u64.fromBig(v);
  c.set64(r, u64.hi, lo);
}

export const mulDivOps: HandlerTable = {
  mr: (c, i) => mulPair32(c, evenR1(i), c.lo(i.r2)),
  m: (c, i) => mulPair32(c, evenR1(i), memS32(c, i)),
  mfy: (c, i) => mulPair32(c, evenR1(i), memS32(c, i)),
  mh: (c, i) => c.setLo(i.r1, Math.imul(c.lo(i.r1), memS16(c, i))),
  mhy: (c, i) => c.setLo(i.r1, Math.imul(c.lo(i.r1), memS16(c, i))),
  mhi: (c, i) => c.setLo(i.r1, Math.imul(c.lo(i.r1), s16(i.i2))),
  mghi: (c, i) => { const b = s16(i.i2); mulSingle64(c, i.r1, b >> 31, b); },
  msr: (c, i) => c.setLo(i.r1, Math.imul(c.lo(i.r1), c.lo(i.r2))),
  ms: (c, i) => c.setLo(i.r1, Math.imul(c.lo(i.r1), memS32(c, i))),
  msy: (c, i) => c.setLo(i.r1, Math.imul(c.lo(i.r1), memS32(c, i))),
  msfi: (c, i) => c.setLo(i.r1, Math.imul(c.lo(i.r1), i.i2 | 0)),
  msgr: (c, i) => mulSingle64(c, i.r1, c.hi(i.r2), c.lo(i.r2)),
  msg: (c, i) => { mem64(c, i); mulSingle64(c, i.r1, c.mem.hi, c.mem.lo); },
  msgfr: (c, i) => { const b = c.lo(i.r2); mulSingle64(c, i.r1, b >> 31, b); },
  msgf: (c, i) => { const b = memS32(c, i); mulSingle64(c, i.r1, b >> 31, b); },
  msgfi: (c, i) => { const b = i.i2 | 0; mulSingle64(c, i.r1, b >> 31, b); },
  mlr: (c, i) => mulLogicalPair32(c, evenR1(i), c.lo(i.r2)),
  ml: (c, i) => mulLogicalPair32(c, evenR1(i), memS32(c, i)),
  mlgr: (c, i) => mulLogicalPair64(c, evenR1(i), c.hi(i.r2), c.lo(i.r2)),
  mlg: (c, i) => { const r1 = evenR1(i); mem64(c, i); mulLogicalPair64(c, r1, c.mem.hi, c.mem.lo); },

  dr: (c, i) => divPair32(c, evenR1(i), c.lo(i.r2)),
  d: (c, i) => divPair32(c, evenR1(i), memS32(c, i)),
  dlr: (c, i) => divLogicalPair32(c, evenR1(i), c.lo(i.r2)),
  dl: (c, i) => divLogicalPair32(c, evenR1(i), memS32(c, i)),
  dlgr: (c, i) => divLogicalPair64(c, evenR1(i), c.hi(i.r2), c.lo(i.r2)),
  dlg: (c, i) => { const r1 = evenR1(i); mem64(c, i); divLogicalPair64(c, r1, c.mem.hi, c.mem.lo); },
  dsgr: (c, i) => divSingle64(c, evenR1(i), c.hi(i.r2), c.lo(i.r2)),
  dsg: (c, i) => { const r1 = evenR1(i); mem64(c, i); divSingle64(c, r1, c.mem.hi, c.mem.lo); },
  dsgfr: (c, i) => { const b = c.lo(i.r2); divSingle64(c, evenR1(i), b >> 31, b); },
  dsgf: (c, i) => { const r1 = evenR1(i); const b = memS32(c, i); divSingle64(c, r1, b >> 31, b); },
};
