// Shifts and rotates: SHIFT LEFT/RIGHT SINGLE/DOUBLE (LOGICAL), ROTATE LEFT SINGLE LOGICAL and
// the ROTATE THEN ... SELECTED BITS family (RISBG, RNSBG, ROSBG, RXSBG, RISBHG, RISBLG).
import type { Insn } from '../../decoder/insn.js';
import { Pic, ProgramException } from '../../runtime/interruption.js';
import { CcOp } from '../cc.js';
import type { Cpu } from '../cpu.js';
import type { HandlerTable } from '../registry.js';
import * as u64 from '../u64.js';

/** Shift amount: bits 58-63 of the second-operand address. */
function amount(c: Cpu, i: Insn): number {
  return c.ea(0, i.b2, i.d2) & 63;
}

// 64-bit shifts and rotates on (hi, lo); the high word of the result is left in `rh`.
let rh = 0;

function shl64(hi: number, lo: number, n: number): number {
  if (n === 0) { rh = hi; return lo; }
  if (n >= 32) { rh = lo << (n - 32); return 0; }
  rh = (hi << n) | (lo >>> (32 - n));
  return lo << n;
}

function shr64(hi: number, lo: number, n: number): number {
  if (n === 0) { rh = hi; return lo; }
  if (n >= 32) { rh = 0; return hi >>> (n - 32); }
  rh = hi >>> n;
  return (lo >>> n) | (hi << (32 - n));
}

function sar64(hi: number, lo: number, n: number): number {
  if (n === 0) { rh = hi; return lo; }
  if (n >= 32) { rh = hi >> 31; return hi >> (n - 32); }
  rh = hi >> n;
  return (lo >>> n) | (hi << (32 - n));
}

function rotl64(hi: number, lo: number, n: number): number {
  n &= 63;
  if (n >= 32) { const t = hi; hi = lo; lo = t; n -= 32; }
  if (n === 0) { rh = hi; return lo; }
  rh = (hi << n) | (lo >>> (32 - n));
  return (lo << n) | (hi >>> (32 - n));
}

function rotl32(v: number, n: number): number {
  n &= 31;
  return n === 0 ? v : (v << n) | (v >>> (32 - n));
}

/** SHIFT LEFT SINGLE / DOUBLE (arithmetic) on a value of `bits` bits: the sign stays, the
 *  numeric bits shift, and overflow is any shifted-out bit that differs from the sign. */
function shiftLeftArith(v: bigint, n: number, bits: number): { r: bigint; overflow: boolean } {
  const sign = v < 0n;
  const numeric = BigInt.asUintN(bits - 1, v);
  const shifted = numeric << BigInt(n);
  const out = shifted >> BigInt(bits - 1);
  const allOnes = (1n << BigInt(n)) - 1n;
  const overflow = sign ? out !== allOnes : out !== 0n;
  const r = BigInt.asUintN(bits - 1, shifted) | (sign ? 1n << BigInt(bits - 1) : 0n);
  return { r: BigInt.asIntN(bits, r), overflow };
}

function sla32(c: Cpu, r1: number, v: number, n: number): void {
  const { r, overflow } = shiftLeftArith(BigInt(v), n, 32);
  const res = Number(r);
  c.setLo(r1, res);
  if (overflow) { c.cc = 3; c.fixedOverflow(); } else c.cc32(CcOp.Sign32, 0, 0, res);
}

function sla64(c: Cpu, hi: number, lo: number, n: number, store: (h: number, l: number) => void): void {
  const { r, overflow } = shiftLeftArith(BigInt.asIntN(64, u64.toBig(hi, lo)), n, 64);
  const rl = u64.fromBig(r), rhi = u64.hi;
  store(rhi, rl);
  if (overflow) { c.cc = 3; c.fixedOverflow(); } else c.cc64(CcOp.Sign64, 0, 0, 0, 0, rhi, rl);
}

function evenR1(i: Insn): number {
  if ((i.r1 & 1) !== 0) throw new ProgramException(Pic.Specification);
  return i.r1;
}

/** Bits s..e (PoP numbering, 0 leftmost) of a 32-bit word, 0 <= s <= e <= 31. */
function range32(s: number, e: number): number {
  return (-1 >>> s) & ~(e === 31 ? 0 : -1 >>> (e + 1));
}

let maskHi = 0;
/** The RxSBG selection mask from start to end (wrapping past bit 63); high word in maskHi. */
function selectMask(start: number, end: number): number {
  const word = (s: number, e: number, base: number): number => {
    const a = Math.max(s, base), b = Math.min(e, base + 31);
    return a > b ? 0 : range32(a - base, b - base);
  };
  if (start <= end) {
    maskHi = word(start, end, 0);
    return word(start, end, 32);
  }
  maskHi = word(start, 63, 0) | word(0, end, 0);
  return word(start, 63, 32) | word(0, end, 32);
}

/** RISBG, RISBGN, RISBHG, RISBLG: insert the selected bits of rotated R2 into R1. */
function risbg(c: Cpu, i: Insn, setCc: boolean, part: 'all' | 'high' | 'low'): void {
  let start = i.i3 & 63, end = i.i4 & 63;
  const zero = (i.i4 & 0x80) !== 0;
  if (part === 'high') { start &= 31; end &= 31; }
  if (part === 'low') { start = (start & 31) + 32; end = (end & 31) + 32; }
  const rLo = rotl64(c.hi(i.r2), c.lo(i.r2), i.i5), rHi = rh;
  let mLo = selectMask(start, end), mHi = maskHi;
  if (part === 'high') mLo = 0;
  if (part === 'low') mHi = 0;
  let keepHi = zero ? 0 : ~mHi, keepLo = zero ? 0 : ~mLo;
  // The high and low forms never touch the other word.
  if (part === 'high') keepLo = -1;
  if (part === 'low') keepHi = -1;
  const hi = (c.hi(i.r1) & keepHi) | (rHi & mHi);
  const lo = (c.lo(i.r1) & keepLo) | (rLo & mLo);
  c.set64(i.r1, hi, lo);
  if (setCc) c.cc64(CcOp.Sign64, 0, 0, 0, 0, hi, lo);
}

/** RNSBG, ROSBG, RXSBG: combine the selected bits; CC 0 if they come out zero. */
function rxsbg(c: Cpu, i: Insn, op: 0 | 1 | 2): void {
  const test = (i.i3 & 0x80) !== 0;
  const rLo = rotl64(c.hi(i.r2), c.lo(i.r2), i.i5), rHi = rh;
  const mLo = selectMask(i.i3 & 63, i.i4 & 63), mHi = maskHi;
  const aHi = c.hi(i.r1), aLo = c.lo(i.r1);
  const f = (a: number, b: number): number => (op === 0 ? a & b : op === 1 ? a | b : a ^ b);
  const hi = (aHi & ~mHi) | (f(aHi, rHi) & mHi);
  const lo = (aLo & ~mLo) | (f(aLo, rLo) & mLo);
  c.cc = ((hi & mHi) | (lo & mLo)) !== 0 ? 1 : 0;
  if (!test) c.set64(i.r1, hi, lo);
}

function pair(c: Cpu, r1: number): [number, number] {
  return [c.lo(r1), c.lo(r1 + 1)];
}

export const shiftOps: HandlerTable = {
  sll: (c, i) => { const n = amount(c, i); c.setLo(i.r1, n >= 32 ? 0 : c.lo(i.r1) << n); },
  srl: (c, i) => { const n = amount(c, i); c.setLo(i.r1, n >= 32 ? 0 : c.lo(i.r1) >>> n); },
  sllk: (c, i) => { const n = amount(c, i); c.setLo(i.r1, n >= 32 ? 0 : c.lo(i.r3) << n); },
  srlk: (c, i) => { const n = amount(c, i); c.setLo(i.r1, n >= 32 ? 0 : c.lo(i.r3) >>> n); },
  sra: (c, i) => { const r = c.lo(i.r1) >> Math.min(amount(c, i), 31); c.setLo(i.r1, r); c.cc32(CcOp.Sign32, 0, 0, r); },
  srak: (c, i) => { const r = c.lo(i.r3) >> Math.min(amount(c, i), 31); c.setLo(i.r1, r); c.cc32(CcOp.Sign32, 0, 0, r); },
  sla: (c, i) => sla32(c, i.r1, c.lo(i.r1), amount(c, i)),
  slak: (c, i) => sla32(c, i.r1, c.lo(i.r3), amount(c, i)),
  sllg: (c, i) => { const lo = shl64(c.hi(i.r3), c.lo(i.r3), amount(c, i)); c.set64(i.r1, rh, lo); },
  srlg: (c, i) => { const lo = shr64(c.hi(i.r3), c.lo(i.r3), amount(c, i)); c.set64(i.r1, rh, lo); },
  srag: (c, i) => {
    const lo = sar64(c.hi(i.r3), c.lo(i.r3), amount(c, i)), hi = rh;
    c.set64(i.r1, hi, lo);
    c.cc64(CcOp.Sign64, 0, 0, 0, 0, hi, lo);
  },
  slag: (c, i) => sla64(c, c.hi(i.r3), c.lo(i.r3), amount(c, i), (h, l) => c.set64(i.r1, h, l)),
  sldl: (c, i) => { const r1 = evenR1(i); const [h, l] = pair(c, r1); const lo = shl64(h, l, amount(c, i)); c.setLo(r1, rh); c.setLo(r1 + 1, lo); },
  srdl: (c, i) => { const r1 = evenR1(i); const [h, l] = pair(c, r1); const lo = shr64(h, l, amount(c, i)); c.setLo(r1, rh); c.setLo(r1 + 1, lo); },
  srda: (c, i) => {
    const r1 = evenR1(i);
    const [h, l] = pair(c, r1);
    const lo = sar64(h, l, amount(c, i)), hi = rh;
    c.setLo(r1, hi);
    c.setLo(r1 + 1, lo);
    c.cc64(CcOp.Sign64, 0, 0, 0, 0, hi, lo);
  },
  slda: (c, i) => {
    const r1 = evenR1(i);
    const [h, l] = pair(c, r1);
    sla64(c, h, l, amount(c, i), (rhi, rl) => { c.setLo(r1, rhi); c.setLo(r1 + 1, rl); });
  },
  rll: (c, i) => c.setLo(i.r1, rotl32(c.lo(i.r3), amount(c, i))),
  rllg: (c, i) => { const lo = rotl64(c.hi(i.r3), c.lo(i.r3), amount(c, i)); c.set64(i.r1, rh, lo); },

  risbg: (c, i) => risbg(c, i, true, 'all'),
  risbgn: (c, i) => risbg(c, i, false, 'all'),
  risbhg: (c, i) => risbg(c, i, false, 'high'),
  risblg: (c, i) => risbg(c, i, false, 'low'),
  rnsbg: (c, i) => rxsbg(c, i, 0),
  rosbg: (c, i) => rxsbg(c, i, 1),
  rxsbg: (c, i) => rxsbg(c, i, 2),
};
