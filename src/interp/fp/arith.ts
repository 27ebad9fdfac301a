// BFP add, subtract, multiply, multiply-and-add, divide and square root on unpacked operands.
// Each computes the precise result (or one with a sticky bit standing in for what lies below the
// rounding position) and hands it to roundPack. Operands are consumed: their significands are
// used as scratch.
import {
  type BfpFormat, Unpacked, FpClass, isNaNClass, normalize, packInf, packZero,
} from './format.js';
import { invalidResult, propagateNaN } from './nan.js';
import { Exc, Rounding, roundPack } from './round.js';
import {
  newWide, wideAdd, wideClear, wideCompare, wideIsZero, wideMulTop, wideSetBit, wideShiftLeft,
  wideShiftRightSticky, wideSub, wideCopy,
} from './wide.js';

function packSignedZero(fmt: BfpFormat, a: Unpacked, b: Unpacked, ctl: number, out: Uint32Array): number {
  // An exact zero sum of operands with opposite signs is -0 only when rounding toward -inf.
  const sign = a.sign === b.sign ? a.sign : ((ctl & 7) === Rounding.Down ? 1 : 0);
  packZero(fmt, sign, out);
  return 0;
}

/** a + b. */
export function addU(fmt: BfpFormat, a: Unpacked, b: Unpacked, ctl: number, out: Uint32Array): number {
  const nan = propagateNaN(fmt, out, a, b);
  if (nan >= 0) return nan;
  if (a.cls === FpClass.Inf || b.cls === FpClass.Inf) {
    if (a.cls === FpClass.Inf && b.cls === FpClass.Inf && a.sign !== b.sign) return invalidResult(fmt, out);
    packInf(fmt, a.cls === FpClass.Inf ? a.sign : b.sign, out);
    return 0;
  }
  if (a.cls === FpClass.Zero && b.cls === FpClass.Zero) return packSignedZero(fmt, a, b, ctl, out);
  if (a.cls === FpClass.Zero) return roundPack(fmt, b, ctl, out);
  if (b.cls === FpClass.Zero) return roundPack(fmt, a, ctl, out);
  return addFinite(fmt, a, b, ctl, out);
}

/** a - b: b's sign flips unless b is a NaN, which propagates unchanged. */
export function subU(fmt: BfpFormat, a: Unpacked, b: Unpacked, ctl: number, out: Uint32Array): number {
  if (!isNaNClass(b.cls)) b.sign ^= 1;
  return addU(fmt, a, b, ctl, out);
}

function addFinite(fmt: BfpFormat, a: Unpacked, b: Unpacked, ctl: number, out: Uint32Array): number {
  if (a.exp < b.exp) { const t = a; a = b; b = t; }
  wideShiftRightSticky(b.sig, a.exp - b.exp);
  if (a.sign === b.sign) {
    // Both significands have a unit bit at 255 or below it; make room for the carry first.
    wideShiftRightSticky(a.sig, 1);
    wideShiftRightSticky(b.sig, 1);
    wideAdd(a.sig, b.sig);
    a.exp += 1;
    normalize(a);
    return roundPack(fmt, a, ctl, out);
  }
  const c = wideCompare(a.sig, b.sig);
  if (c === 0) return packSignedZero(fmt, a, b, ctl, out);
  if (c < 0) { const t = a; a = b; b = t; }
  wideSub(a.sig, b.sig);
  normalize(a);
  return roundPack(fmt, a, ctl, out);
}

/** The exact product of two finite nonzero operands, left in `p`. */
function exactProduct(p: Unpacked, a: Unpacked, b: Unpacked): void {
  // sig/2^255 x sig/2^255 = (top128(a) x top128(b)) / 2^254, since the low halves are zero.
  wideMulTop(p.sig, a.sig, b.sig);
  p.sign = a.sign ^ b.sign;
  p.exp = a.exp + b.exp + 1;
  p.cls = FpClass.Finite;
  normalize(p);
}

export function mulU(fmt: BfpFormat, a: Unpacked, b: Unpacked, ctl: number, out: Uint32Array): number {
  const nan = propagateNaN(fmt, out, a, b);
  if (nan >= 0) return nan;
  const sign = a.sign ^ b.sign;
  if (a.cls === FpClass.Inf || b.cls === FpClass.Inf) {
    if (a.cls === FpClass.Zero || b.cls === FpClass.Zero) return invalidResult(fmt, out);
    packInf(fmt, sign, out);
    return 0;
  }
  if (a.cls === FpClass.Zero || b.cls === FpClass.Zero) { packZero(fmt, sign, out); return 0; }
  exactProduct(prod, a, b);
  return roundPack(fmt, prod, ctl, out);
}
const prod = new Unpacked();

/** a x b + c with a single rounding (the caller flips c's sign, unless it is a NaN, for
 *  multiply-and-subtract). NaNs take precedence in the order nanFirst, nanSecond, nanThird,
 *  signaling before quiet; but zero times infinity is invalid and gives the default NaN even
 *  when the addend is a NaN. */
export function fmaU(fmt: BfpFormat, a: Unpacked, b: Unpacked, c: Unpacked, ctl: number, out: Uint32Array,
  nanFirst: Unpacked, nanSecond: Unpacked, nanThird: Unpacked): number {
  const psign = a.sign ^ b.sign;
  const aInf = a.cls === FpClass.Inf, bInf = b.cls === FpClass.Inf;
  const infTimesZero = (aInf && b.cls === FpClass.Zero) || (bInf && a.cls === FpClass.Zero);
  if (infTimesZero) return invalidResult(fmt, out);
  const nan = propagateNaN(fmt, out, nanFirst, nanSecond, nanThird);
  if (nan >= 0) return nan;
  if (aInf || bInf) {
    if (c.cls === FpClass.Inf && c.sign !== psign) return invalidResult(fmt, out);
    packInf(fmt, psign, out);
    return 0;
  }
  if (c.cls === FpClass.Inf) { packInf(fmt, c.sign, out); return 0; }
  if (a.cls === FpClass.Zero || b.cls === FpClass.Zero) {
    prod.sign = psign; prod.cls = FpClass.Zero; prod.exp = 0; wideClear(prod.sig);
  } else {
    exactProduct(prod, a, b);
  }
  return addU(fmt, prod, c, ctl, out);
}

export function divU(fmt: BfpFormat, a: Unpacked, b: Unpacked, ctl: number, out: Uint32Array): number {
  const nan = propagateNaN(fmt, out, a, b);
  if (nan >= 0) return nan;
  const sign = a.sign ^ b.sign;
  if (a.cls === FpClass.Inf) {
    if (b.cls === FpClass.Inf) return invalidResult(fmt, out);
    packInf(fmt, sign, out);
    return 0;
  }
  if (b.cls === FpClass.Inf) { packZero(fmt, sign, out); return 0; }
  if (b.cls === FpClass.Zero) {
    if (a.cls === FpClass.Zero) return invalidResult(fmt, out);
    packInf(fmt, sign, out);
    return Exc.DivByZero;
  }
  if (a.cls === FpClass.Zero) { packZero(fmt, sign, out); return 0; }
  // Restoring division, one quotient bit a step: precision + guard bit, then the remainder
  // becomes the sticky bit. Both operands start one bit down so the partial remainder never
  // outgrows 256 bits.
  const n = a.sig, d = b.sig;
  wideShiftRightSticky(n, 1);
  wideShiftRightSticky(d, 1);
  let exp = a.exp - b.exp;
  if (wideCompare(n, d) < 0) { wideShiftLeft(n, 1); exp--; }
  const q = quo;
  wideClear(q);
  for (let bit = 255; bit >= 255 - fmt.precision - 1; bit--) {
    if (wideCompare(n, d) >= 0) { wideSub(n, d); wideSetBit(q, bit); }
    wideShiftLeft(n, 1);
  }
  if (!wideIsZero(n)) wideSetBit(q, 0);
  wideCopy(a.sig, q);
  a.sign = sign;
  a.exp = exp;
  return roundPack(fmt, a, ctl, out);
}
const quo = newWide();

export function sqrtU(fmt: BfpFormat, a: Unpacked, ctl: number, out: Uint32Array): number {
  const nan = propagateNaN(fmt, out, a);
  if (nan >= 0) return nan;
  if (a.cls === FpClass.Zero) { packZero(fmt, a.sign, out); return 0; }
  if (a.sign !== 0) return invalidResult(fmt, out);
  if (a.cls === FpClass.Inf) { packInf(fmt, 0, out); return 0; }
  // With n = precision + 2 root bits wanted, the integer X = M x 2^(2n-2) (M the significand,
  // doubled when the exponent is odd) has the root floor(sqrt(X)) in [2^(n-1), 2^n).
  const n = fmt.precision + 2;
  const odd = a.exp & 1;
  const x = a.sig;
  wideShiftRightSticky(x, 255 - (2 * n - 2) - odd);
  const rem = sqRem, root = sqRoot, trial = sqTrial;
  wideClear(rem); wideClear(root);
  for (let i = 0; i < 128; i++) {
    // Bring down the next two bits of X.
    wideShiftLeft(rem, 2);
    rem[7] = rem[7]! | (x[0]! >>> 30);
    wideShiftLeft(x, 2);
    wideCopy(trial, root);
    wideShiftLeft(trial, 2);
    trial[7] = trial[7]! | 1;
    wideShiftLeft(root, 1);
    if (wideCompare(rem, trial) >= 0) { wideSub(rem, trial); root[7] = root[7]! | 1; }
  }
  wideShiftLeft(root, 256 - n);
  if (!wideIsZero(rem)) wideSetBit(root, 0);
  wideCopy(a.sig, root);
  a.exp = (a.exp - odd) / 2;
  return roundPack(fmt, a, ctl, out);
}
const sqRem = newWide(), sqRoot = newWide(), sqTrial = newWide();
