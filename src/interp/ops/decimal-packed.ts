// Packed-decimal fields in storage: validation, reading as a signed magnitude and writing back
// with the preferred sign codes. Decimal instructions do not appear in what Linux executes on
// its hot paths (see the boot census), so values are BigInts here: up to 31 digits fit no
// other JS number type.
import { Pic, ProgramException } from '../../runtime/interruption.js';
import { PSW0_DECIMAL_OVERFLOW, type Cpu } from '../cpu.js';

export interface PackedValue {
  /** Magnitude. */
  mag: bigint;
  /** True for the minus sign codes B and D. */
  negative: boolean;
}

/** Byte n of the field at a, wrapping at the top of the addressing mode. */
export function byteAt(c: Cpu, a: number, n: number): number {
  return c.mem.read8(c.addAddr(a, n));
}

export function setByteAt(c: Cpu, a: number, n: number, v: number): void {
  c.mem.write8(c.addAddr(a, n), v);
}

/** A decimal-operand data exception (DXC 0). */
export function decimalData(c: Cpu): never {
  c.dataException(0);
}

/** Reads and validates the len-byte packed field at a: digit codes 0-9, sign codes A-F. */
export function readPacked(c: Cpu, a: number, len: number): PackedValue {
  let mag = 0n;
  let bad = false;
  for (let n = 0; n < len; n++) {
    const b = byteAt(c, a, n);
    const hi = b >>> 4, lo = b & 15;
    if (hi > 9) bad = true;
    mag = mag * 10n + BigInt(hi);
    if (n === len - 1) {
      if (lo < 10) bad = true;
      if (bad) decimalData(c);
      return { mag, negative: lo === 0xb || lo === 0xd };
    }
    if (lo > 9) bad = true;
    mag = mag * 10n + BigInt(lo);
  }
  return decimalData(c);
}

/** Digits a len-byte packed field holds. */
export function capacity(len: number): number {
  return 2 * len - 1;
}

/** Writes mag with sign code C (plus) or D (minus) into the len-byte field at a, dropping the
 *  digits that do not fit; returns true when a nonzero digit was dropped (overflow). */
export function writePacked(c: Cpu, a: number, len: number, mag: bigint, negative: boolean): boolean {
  let v = mag;
  for (let n = len - 1; n >= 0; n--) {
    let b: number;
    if (n === len - 1) {
      b = (Number(v % 10n) << 4) | (negative ? 0xd : 0xc);
      v /= 10n;
    } else {
      const lo = Number(v % 10n);
      v /= 10n;
      b = (Number(v % 10n) << 4) | lo;
      v /= 10n;
    }
    setByteAt(c, a, n, b);
  }
  return v !== 0n;
}

/** Checks that len bytes from a are accessible before a result is stored, so a fault leaves
 *  the field unchanged. */
export function touch(c: Cpu, a: number, len: number): void {
  for (let n = 0; n < len; n++) byteAt(c, a, n);
}

/** CC of a decimal result: 0 zero, 1 negative, 2 positive, 3 overflow; an overflow with the
 *  decimal-overflow mask on interrupts after the result is stored. */
export function decimalResultCc(c: Cpu, mag: bigint, negative: boolean, overflow: boolean): void {
  if (overflow) {
    c.cc = 3;
    if ((c.pswMask0 & PSW0_DECIMAL_OVERFLOW) !== 0) throw new ProgramException(Pic.DecimalOverflow);
    return;
  }
  c.cc = mag === 0n ? 0 : negative ? 1 : 2;
}
