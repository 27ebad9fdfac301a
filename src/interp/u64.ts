// 64-bit arithmetic on (hi, lo) pairs of 32-bit words, without BigInt (DESIGN decision 3).
// Functions return the low word and leave the high word in the exported `hi`; `hi2`/`lo2` hold
// the upper doubleword of 128-bit products.

export let hi = 0;
/** Carry out of the last add64 / borrow-free flag (1 = no borrow) of the last sub64. */
export let carry = 0;
export let hi2 = 0;
export let lo2 = 0;

const TWO32 = 4294967296;

/** a + b + cin; sets hi and carry. */
export function add64(aHi: number, aLo: number, bHi: number, bLo: number, cin: number): number {
  const lo = (aLo >>> 0) + (bLo >>> 0) + cin;
  const h = (aHi >>> 0) + (bHi >>> 0) + (lo >= TWO32 ? 1 : 0);
  carry = h >= TWO32 ? 1 : 0;
  hi = h | 0;
  return lo | 0;
}

/** a - b - (1 - noBorrowIn); sets hi and carry (1 when no borrow out). */
export function sub64(aHi: number, aLo: number, bHi: number, bLo: number, noBorrowIn: number): number {
  const lo = (aLo >>> 0) - (bLo >>> 0) - (1 - noBorrowIn);
  const h = (aHi >>> 0) - (bHi >>> 0) - (lo < 0 ? 1 : 0);
  carry = h < 0 ? 0 : 1;
  hi = h | 0;
  return lo | 0;
}

/** Unsigned 32 x 32 -> 64; sets hi. */
export function mulU32(a: number, b: number): number {
  a >>>= 0;
  b >>>= 0;
  const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
  const mid = a1 * b0 + a0 * b1;
  const low = a0 * b0 + (mid % 65536) * 65536;
  hi = (a1 * b1 + Math.floor(mid / 65536) + Math.floor(low / TWO32)) | 0;
  return low | 0;
}

/** Signed 32 x 32 -> 64; sets hi. */
export function mulS32(a: number, b: number): number {
  const lo = mulU32(a, b);
  hi = (hi - (a < 0 ? b : 0) - (b < 0 ? a : 0)) | 0;
  return lo;
}

/** Low 64 bits of a 64 x 64 product (the same signed or unsigned); sets hi. */
export function mulLo64(aHi: number, aLo: number, bHi: number, bLo: number): number {
  const lo = mulU32(aLo, bLo);
  hi = (hi + Math.imul(aHi, bLo) + Math.imul(aLo, bHi)) | 0;
  return lo;
}

/** Unsigned 64 x 64 -> 128: returns the low word of the upper doubleword and sets hi to its
 *  high word; hi2:lo2 is the lower doubleword. */
export function mulU64(aHi: number, aLo: number, bHi: number, bLo: number): number {
  // Schoolbook on 32-bit limbs, each partial product exact, sums carried in doubles < 2^53.
  const p00l = mulU32(aLo, bLo) >>> 0, p00h = hi >>> 0;
  const p01l = mulU32(aLo, bHi) >>> 0, p01h = hi >>> 0;
  const p10l = mulU32(aHi, bLo) >>> 0, p10h = hi >>> 0;
  const p11l = mulU32(aHi, bHi) >>> 0, p11h = hi >>> 0;
  const w0 = p00l;
  const s1 = p00h + p01l + p10l;
  const w1 = s1 % TWO32;
  const s2 = Math.floor(s1 / TWO32) + p01h + p10h + p11l;
  const w2 = s2 % TWO32;
  const w3 = Math.floor(s2 / TWO32) + p11h;
  hi2 = w1 | 0;
  lo2 = w0 | 0;
  hi = w3 | 0;
  return w2 | 0;
}

/** Two's complement of hi:lo; sets hi. */
export function neg64(aHi: number, aLo: number): number {
  return sub64(0, 0, aHi, aLo, 1);
}

/** hi:lo as a BigInt (cold paths: division, tests). */
export function toBig(h: number, l: number): bigint {
  return (BigInt(h >>> 0) << 32n) | BigInt(l >>> 0);
}

/** Sets hi from the upper word of v and returns the low word. */
export function fromBig(v: bigint): number {
  hi = Number(BigInt.asIntN(32, v >> 32n));
  return Number(BigInt.asIntN(32, v));
}
