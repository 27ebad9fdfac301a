// The three BFP formats and the unpacked form every operation works in.
// A format value travels as big-endian 32-bit words in a Uint32Array: short uses word 0, long
// words 0-1, extended words 0-3 (the FPR pair's high register first).
import {
  type Wide, newWide, wideClear, wideClz, wideIsZero, wideShiftLeft, wideShiftRightSticky,
} from './wide.js';

export interface BfpFormat {
  readonly name: 'short' | 'long' | 'extended';
  /** 32-bit words in the format. */
  readonly words: 1 | 2 | 4;
  readonly expBits: number;
  /** Precision in bits, the implicit unit bit included. */
  readonly precision: number;
  readonly bias: number;
  readonly emax: number;
  readonly emin: number;
  /** Exponent adjustment for a scaled result when an overflow or underflow trap is enabled. */
  readonly alpha: number;
}

function format(name: BfpFormat['name'], words: 1 | 2 | 4, expBits: number): BfpFormat {
  const precision = words * 32 - expBits;
  const bias = 2 ** (expBits - 1) - 1;
  return { name, words, expBits, precision, bias, emax: bias, emin: 1 - bias, alpha: 3 * 2 ** (expBits - 2) };
}

export const SHORT = format('short', 1, 8);
export const LONG = format('long', 2, 11);
export const EXTENDED = format('extended', 4, 15);

export const enum FpClass { Zero, Finite, Inf, QNaN, SNaN }

/** sign x 1.fff x 2^exp, with the unit bit at the top of `sig` (bit 255) when finite. */
export class Unpacked {
  sign = 0;
  exp = 0;
  cls: FpClass = FpClass.Zero;
  readonly sig: Wide = newWide();
}

export function isNaNClass(c: FpClass): boolean { return c === FpClass.QNaN || c === FpClass.SNaN; }

/** Moves the unit bit of a nonzero `sig` to bit 255, adjusting the exponent. */
export function normalize(u: Unpacked): void {
  const z = wideClz(u.sig);
  wideShiftLeft(u.sig, z);
  u.exp -= z;
}

/** Unpacks; a NaN keeps its payload in `sig` left-aligned (quiet bit at 255) for propagation. */
export function unpack(fmt: BfpFormat, w: ArrayLike<number>, u: Unpacked): void {
  const hi = w[0]!;
  const expMax = 2 ** fmt.expBits - 1;
  const biased = (hi >>> (31 - fmt.expBits)) & expMax;
  u.sign = hi >>> 31;
  const sig = u.sig;
  wideClear(sig);
  for (let i = 0; i < fmt.words; i++) sig[i] = w[i]!;
  sig[0] = sig[0]! & ((2 ** (31 - fmt.expBits)) - 1);
  wideShiftLeft(sig, fmt.expBits + 1);
  if (biased === expMax) {
    // Fraction now starts at bit 255: the quiet bit.
    if (wideIsZero(sig)) u.cls = FpClass.Inf;
    else u.cls = (sig[0]! >>> 31) !== 0 ? FpClass.QNaN : FpClass.SNaN;
    u.exp = 0;
    return;
  }
  wideShiftRightSticky(sig, 1);
  if (biased === 0) {
    if (wideIsZero(sig)) { u.cls = FpClass.Zero; u.exp = 0; return; }
    u.cls = FpClass.Finite;
    u.exp = fmt.emin;
    normalize(u);
    return;
  }
  sig[0] = sig[0]! | 0x80000000;
  u.cls = FpClass.Finite;
  u.exp = biased - fmt.bias;
}

/** Writes sign, biased exponent and a fraction left-aligned at bit 255 of `frac`. */
export function packFraction(fmt: BfpFormat, sign: number, biased: number, frac: Wide, out: Uint32Array): void {
  const shift = fmt.expBits + 1;
  for (let i = fmt.words - 1; i >= 0; i--) {
    const prev = i > 0 ? frac[i - 1]! : 0;
    out[i] = (frac[i]! >>> shift) | (prev << (32 - shift));
  }
  out[0] = out[0]! | (sign << 31) | (biased << (31 - fmt.expBits));
}

export function packInf(fmt: BfpFormat, sign: number, out: Uint32Array): void {
  for (let i = 1; i < fmt.words; i++) out[i] = 0;
  out[0] = ((sign << 31) | ((2 ** fmt.expBits - 1) << (31 - fmt.expBits))) >>> 0;
}

export function packZero(fmt: BfpFormat, sign: number, out: Uint32Array): void {
  for (let i = 1; i < fmt.words; i++) out[i] = 0;
  out[0] = sign << 31;
}

/** The default NaN an invalid operation delivers: positive, quiet, zero payload. */
export function packDefaultNaN(fmt: BfpFormat, out: Uint32Array): void {
  for (let i = 1; i < fmt.words; i++) out[i] = 0;
  out[0] = ((2 ** fmt.expBits - 1) << (31 - fmt.expBits)) | (1 << (30 - fmt.expBits));
}

/** The largest finite magnitude. */
export function packMax(fmt: BfpFormat, sign: number, out: Uint32Array): void {
  for (let i = 1; i < fmt.words; i++) out[i] = 0xffffffff;
  out[0] = ((sign << 31) | (0x7fffffff ^ (1 << (31 - fmt.expBits)))) >>> 0;
}

/** A NaN from an unpacked NaN (payload truncated or extended to the format), made quiet. */
export function packNaN(fmt: BfpFormat, u: Unpacked, out: Uint32Array): void {
  packFraction(fmt, u.sign, 2 ** fmt.expBits - 1, u.sig, out);
  out[0] = out[0]! | (1 << (30 - fmt.expBits));
}
