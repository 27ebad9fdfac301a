// Conversions: between BFP formats, to and from 32/64-bit binary integers, and to an integral
// BFP value (LOAD FP INTEGER). Integers travel as two 32-bit halves.
import {
  type BfpFormat, type Unpacked, FpClass, isNaNClass, normalize, packInf, packNaN, packZero,
} from './format.js';
import { Exc, roundPack, roundUp, Rounding } from './round.js';
import {
  newWide, wideAddBit, wideAnyBelow, wideClear, wideClearBelow, wideCopy, wideShiftRightSticky,
  wideTestBit,
} from './wide.js';

/** Any format to any other (lengthening is exact; a signaling NaN becomes quiet and signals). */
export function convertU(fmt: BfpFormat, a: Unpacked, ctl: number, out: Uint32Array): number {
  switch (a.cls) {
    case FpClass.QNaN: packNaN(fmt, a, out); return 0;
    case FpClass.SNaN: packNaN(fmt, a, out); return Exc.Invalid;
    case FpClass.Inf: packInf(fmt, a.sign, out); return 0;
    case FpClass.Zero: packZero(fmt, a.sign, out); return 0;
    default: return roundPack(fmt, a, ctl, out);
  }
}

/** Signed or unsigned 64-bit integer (hi:lo) to BFP. */
export function fromInt(fmt: BfpFormat, hi: number, lo: number, signed: boolean, ctl: number, out: Uint32Array, u: Unpacked): number {
  u.sign = signed && (hi & 0x80000000) !== 0 ? 1 : 0;
  if (u.sign !== 0) {
    // Two's-complement negate across the halves.
    lo = (-lo) >>> 0;
    hi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
  }
  if (hi === 0 && lo === 0) { packZero(fmt, 0, out); return 0; }
  wideClear(u.sig);
  u.sig[0] = hi; u.sig[1] = lo;
  u.cls = FpClass.Finite;
  u.exp = 63;
  normalize(u);
  return roundPack(fmt, u, ctl, out);
}

/** Rounds the finite nonzero `u` to an integral value in place; returns Inexact/Incremented, and
 *  leaves a zero result with cls Zero. */
export function roundIntegralU(u: Unpacked, rm: number): number {
  if (u.exp >= 255) return 0;
  const sig = u.sig;
  let guard: number, sticky: boolean, lsb: number;
  if (u.exp < 0) {
    // Below one: only zero or one are candidates.
    guard = u.exp === -1 ? 1 : 0;
    sticky = u.exp < -1 || wideAnyBelow(sig, 255);
    lsb = 0;
  } else {
    const unit = 255 - u.exp;
    guard = unit > 0 ? wideTestBit(sig, unit - 1) : 0;
    sticky = unit > 1 && wideAnyBelow(sig, unit - 1);
    lsb = wideTestBit(sig, unit);
  }
  if (guard === 0 && !sticky) return 0;
  let inc = roundUp(rm, u.sign, lsb, guard, sticky);
  if (rm === Rounding.ShorterPrecision) inc = lsb === 0;
  if (u.exp < 0) {
    wideClear(sig);
    if (inc) { sig[0] = 0x80000000; u.exp = 0; } else u.cls = FpClass.Zero;
  } else {
    const unit = 255 - u.exp;
    wideClearBelow(sig, unit);
    if (inc && wideAddBit(sig, unit) !== 0) { sig[0] = 0x80000000; u.exp++; }
  }
  return Exc.Inexact | (inc ? Exc.Incremented : 0);
}

// A separate test because the compiler narrows `cls` as though roundIntegralU could not change it.
function roundedToZero(u: Unpacked): boolean { return u.cls === FpClass.Zero; }

/** LOAD FP INTEGER: round to an integral value in the same format. */
export function roundToIntegralU(fmt: BfpFormat, a: Unpacked, ctl: number, out: Uint32Array): number {
  if (a.cls !== FpClass.Finite) return convertU(fmt, a, ctl, out);
  const exc = roundIntegralU(a, ctl & 7);
  if (roundedToZero(a)) { packZero(fmt, a.sign, out); return exc; }
  // An integral value of the operand's own format is exactly representable.
  return exc | roundPack(fmt, a, ctl, out);
}

/** Result of a conversion to a binary integer. */
export class IntResult {
  hi = 0;
  lo = 0;
  /** 0 zero, 1 negative, 2 positive (by the source value), 3 invalid (NaN or out of range). */
  cc = 0;
}

const mag = newWide();

/** BFP to a 32- or 64-bit signed or unsigned integer. On invalid, the result is the largest
 *  magnitude of the source's sign that the type holds (zero for an unsigned negative), and the
 *  invalid and inexact conditions are both reported, as for a value that had to be rounded. */
export function toInt(a: Unpacked, bits: 32 | 64, signed: boolean, rm: number, r: IntResult): number {
  if (isNaNClass(a.cls)) {
    setLimit(r, bits, signed, 1);
    r.cc = 3;
    return Exc.Invalid | Exc.Inexact;
  }
  if (a.cls === FpClass.Zero) { r.hi = 0; r.lo = 0; r.cc = 0; return 0; }
  const cc = a.sign !== 0 ? 1 : 2;
  if (a.cls === FpClass.Inf) return invalidInt(r, bits, signed, a.sign);
  const exc = roundIntegralU(a, rm);
  if (roundedToZero(a)) { r.hi = 0; r.lo = 0; r.cc = cc; return exc; }
  if (a.exp >= bits) return invalidInt(r, bits, signed, a.sign);
  wideCopy(mag, a.sig);
  wideShiftRightSticky(mag, 255 - a.exp);
  let hi = mag[6]!, lo = mag[7]!;
  if (signed) {
    // Magnitude limit: 2^(bits-1) - 1 positive, 2^(bits-1) negative.
    const top = bits === 64 ? hi : lo;
    const over = top >= 0x80000000 && (a.sign === 0 || top !== 0x80000000 || (bits === 64 && lo !== 0));
    if (over) return invalidInt(r, bits, signed, a.sign);
    if (a.sign !== 0) { lo = (-lo) >>> 0; hi = (~hi + (lo === 0 ? 1 : 0)) >>> 0; }
    if (bits === 32) hi = 0;
  } else if (a.sign !== 0) {
    return invalidInt(r, bits, signed, a.sign);
  }
  r.hi = hi; r.lo = lo; r.cc = cc;
  return exc;
}

function invalidInt(r: IntResult, bits: 32 | 64, signed: boolean, sign: number): number {
  setLimit(r, bits, signed, sign);
  r.cc = 3;
  return Exc.Invalid | Exc.Inexact;
}

function setLimit(r: IntResult, bits: 32 | 64, signed: boolean, sign: number): void {
  if (!signed) {
    r.hi = sign !== 0 || bits === 32 ? 0 : 0xffffffff;
    r.lo = sign !== 0 ? 0 : 0xffffffff;
  } else if (bits === 32) {
    r.hi = 0; r.lo = sign !== 0 ? 0x80000000 : 0x7fffffff;
  } else {
    r.hi = sign !== 0 ? 0x80000000 : 0x7fffffff; r.lo = sign !== 0 ? 0 : 0xffffffff;
  }
}
