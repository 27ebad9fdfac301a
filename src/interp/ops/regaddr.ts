// Addresses and lengths held in general registers (the R-operand string instructions):
// their width follows the addressing mode, and updates leave the bits outside it as the PoP says.
import { addressNumber, type Cpu } from '../cpu.js';

const TWO32 = 4294967296;

/** Address in GPR r: bits 0-63, 33-63 or 40-63 by addressing mode. */
export function regAddr(c: Cpu, r: number): number {
  if (c.amode === 64) {
    return addressNumber(c.hi(r), c.lo(r) >>> 0);
  }
  return c.wrap(c.lo(r)) >>> 0;
}

/** Stores an updated address: all 64 bits in the 64-bit mode, otherwise bits 32-63 with the
 *  bits above the mode's width zeroed and bits 0-31 unchanged. */
export function setRegAddr(c: Cpu, r: number, a: number): void {
  if (c.amode === 64) c.set64(r, Math.floor(a / TWO32) | 0, a % TWO32);
  else c.setLo(r, c.wrap(a));
}

/** A 32-bit (24/31-bit mode) or 64-bit length in GPR r, as a number. */
export function regLen(c: Cpu, r: number): number {
  if (c.amode === 64) return (c.hi(r) >>> 0) * TWO32 + (c.lo(r) >>> 0);
  return c.lo(r) >>> 0;
}

export function setRegLen(c: Cpu, r: number, n: number): void {
  if (c.amode === 64) c.set64(r, Math.floor(n / TWO32) | 0, n % TWO32);
  else c.setLo(r, n);
}
