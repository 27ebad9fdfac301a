// Fixed 256-bit unsigned integers as eight 32-bit words, word 0 the most significant.
// The soft-float core keeps every significand in one of these so a single code path serves the
// short, long and extended formats; 256 bits hold an exact 113 x 113-bit product, and the low bit
// doubles as the sticky bit of anything shifted out.

export const WIDE_WORDS = 8;
export type Wide = Uint32Array;

export function newWide(): Wide { return new Uint32Array(WIDE_WORDS); }

export function wideClear(a: Wide): void { a.fill(0); }

export function wideCopy(dst: Wide, src: Wide): void { dst.set(src); }

export function wideIsZero(a: Wide): boolean {
  for (let i = 0; i < WIDE_WORDS; i++) if (a[i] !== 0) return false;
  return true;
}

/** -1, 0 or 1 as a is below, equal to or above b. */
export function wideCompare(a: Wide, b: Wide): number {
  for (let i = 0; i < WIDE_WORDS; i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return 0;
}

/** Leading zero bits (256 for zero). */
export function wideClz(a: Wide): number {
  for (let i = 0; i < WIDE_WORDS; i++) {
    if (a[i] !== 0) return i * 32 + Math.clz32(a[i]!);
  }
  return 256;
}

export function wideShiftLeft(a: Wide, n: number): void {
  if (n <= 0) return;
  if (n >= 256) { a.fill(0); return; }
  const w = n >>> 5, b = n & 31;
  for (let i = 0; i < WIDE_WORDS; i++) {
    const s = i + w;
    const hi = s < WIDE_WORDS ? a[s]! : 0;
    const lo = s + 1 < WIDE_WORDS ? a[s + 1]! : 0;
    a[i] = b === 0 ? hi : (hi << b) | (lo >>> (32 - b));
  }
}

/** Shifts right and ORs every bit shifted out into the lowest bit, so rounding still sees them. */
export function wideShiftRightSticky(a: Wide, n: number): void {
  if (n <= 0) return;
  if (n >= 256) {
    const any = !wideIsZero(a);
    a.fill(0);
    a[WIDE_WORDS - 1] = any ? 1 : 0;
    return;
  }
  const w = n >>> 5, b = n & 31;
  let lost = 0;
  for (let i = WIDE_WORDS - w; i < WIDE_WORDS; i++) lost |= a[i]!;
  if (b !== 0) lost |= a[WIDE_WORDS - 1 - w]! << (32 - b);
  for (let i = WIDE_WORDS - 1; i >= 0; i--) {
    const s = i - w;
    const lo = s >= 0 ? a[s]! : 0;
    const hi = s - 1 >= 0 ? a[s - 1]! : 0;
    a[i] = b === 0 ? lo : (lo >>> b) | (hi << (32 - b));
  }
  if (lost !== 0) a[WIDE_WORDS - 1]! |= 1;
}

/** a += b; returns the carry out of the top word. */
export function wideAdd(a: Wide, b: Wide): number {
  let carry = 0;
  for (let i = WIDE_WORDS - 1; i >= 0; i--) {
    const s = a[i]! + b[i]! + carry;
    a[i] = s;
    carry = s > 0xffffffff ? 1 : 0;
  }
  return carry;
}

/** a -= b (a must not be below b). */
export function wideSub(a: Wide, b: Wide): void {
  let borrow = 0;
  for (let i = WIDE_WORDS - 1; i >= 0; i--) {
    const d = a[i]! - b[i]! - borrow;
    a[i] = d;
    borrow = d < 0 ? 1 : 0;
  }
}

/** Adds 1 at bit position `bit` (0 = least significant); returns the carry out of the top. */
export function wideAddBit(a: Wide, bit: number): number {
  let i = WIDE_WORDS - 1 - (bit >>> 5);
  let add = 2 ** (bit & 31);
  while (i >= 0) {
    const s = a[i]! + add;
    a[i] = s;
    if (s <= 0xffffffff) return 0;
    add = 1;
    i--;
  }
  return 1;
}

export function wideTestBit(a: Wide, bit: number): number {
  return (a[WIDE_WORDS - 1 - (bit >>> 5)]! >>> (bit & 31)) & 1;
}

export function wideSetBit(a: Wide, bit: number): void {
  a[WIDE_WORDS - 1 - (bit >>> 5)]! |= 1 << (bit & 31);
}

/** True when any bit below position `bit` is set. */
export function wideAnyBelow(a: Wide, bit: number): boolean {
  const w = WIDE_WORDS - 1 - (bit >>> 5);
  for (let i = WIDE_WORDS - 1; i > w; i--) if (a[i] !== 0) return true;
  const b = bit & 31;
  return b !== 0 && (a[w]! & ((2 ** b) - 1)) !== 0;
}

/** Clears every bit below position `bit`. */
export function wideClearBelow(a: Wide, bit: number): void {
  const w = WIDE_WORDS - 1 - (bit >>> 5);
  for (let i = WIDE_WORDS - 1; i > w; i--) a[i] = 0;
  const b = bit & 31;
  if (b !== 0) a[w] = (a[w]! >>> b) << b;
}

const colBuf = new Float64Array(16);
const halvesA = new Float64Array(8);
const halvesB = new Float64Array(8);

/** out = (top 128 bits of a) x (top 128 bits of b), a full 256-bit product. Works on 16-bit
 *  halves so every partial product and column sum stays exact in a double. */
export function wideMulTop(out: Wide, a: Wide, b: Wide): void {
  for (let i = 0; i < 4; i++) {
    halvesA[2 * i] = a[i]! >>> 16; halvesA[2 * i + 1] = a[i]! & 0xffff;
    halvesB[2 * i] = b[i]! >>> 16; halvesB[2 * i + 1] = b[i]! & 0xffff;
  }
  colBuf.fill(0);
  // Column k (from the most significant end) collects halves i + j = k - 1 of a 16-halfword result.
  for (let i = 0; i < 8; i++) {
    const x = halvesA[i]!;
    if (x === 0) continue;
    for (let j = 0; j < 8; j++) colBuf[i + j + 1] += x * halvesB[j]!;
  }
  let carry = 0;
  for (let k = 15; k >= 0; k--) {
    const v = colBuf[k]! + carry;
    const low = v % 65536;
    colBuf[k] = low;
    carry = (v - low) / 65536;
  }
  for (let i = 0; i < 8; i++) out[i] = colBuf[2 * i]! * 65536 + colBuf[2 * i + 1]!;
}
