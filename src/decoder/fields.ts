// Field extraction from an instruction held as two 32-bit words: hi = bytes 0-3, lo = bytes 4-5 in
// its upper half. Two words keep 6-byte instructions out of BigInt and float arithmetic.
import { type Field, FieldKind, rxbBit } from './formats.js';

/** Unsigned bits [pos, pos + width) of the 48-bit instruction, width <= 32. */
export function bits(hi: number, lo: number, pos: number, width: number): number {
  const end = pos + width;
  const mask = width === 32 ? 0xffffffff : (1 << width) - 1;
  if (end <= 32) return (hi >>> (32 - end)) & mask;
  if (pos >= 32) return (lo >>> (64 - end)) & mask;
  const lowWidth = end - 32;
  return (((hi << lowWidth) | (lo >>> (32 - lowWidth))) & mask) >>> 0;
}

function signExtend(value: number, width: number): number {
  const shift = 32 - width;
  return width === 32 ? value | 0 : (value << shift) >> shift;
}

/** The value of one field as the PoP defines it: sign-extended for signed, relative and 20-bit
 *  displacement fields; vector register numbers include their RXB bit. */
export function fieldValue(hi: number, lo: number, f: Field): number {
  switch (f.kind) {
    case FieldKind.Disp20: {
      const dl = bits(hi, lo, f.pos, 12);
      const dh = bits(hi, lo, f.pos + 12, 8);
      return signExtend((dh << 12) | dl, 20);
    }
    case FieldKind.Vec:
      return bits(hi, lo, f.pos, 4) | (bits(hi, lo, rxbBit(f.pos), 1) << 4);
    case FieldKind.Signed:
    case FieldKind.Rel:
      return signExtend(bits(hi, lo, f.pos, f.width), f.width);
    default:
      return bits(hi, lo, f.pos, f.width);
  }
}

/** Instruction length from the first two bits of the opcode (PoP: 00 → 2, 01/10 → 4, 11 → 6). */
export function lengthOf(firstByte: number): 2 | 4 | 6 {
  const top = firstByte >>> 6;
  return top === 0 ? 2 : top === 3 ? 6 : 4;
}

/** hi/lo words of an instruction at bytes[off]; bytes past the instruction's length read as 0. */
export function wordsAt(bytes: Uint8Array, off: number, length: number): [number, number] {
  const b = (i: number) => (i < length && off + i < bytes.length ? bytes[off + i] : 0);
  const hi = ((b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3)) >>> 0;
  const lo = ((b(4) << 24) | (b(5) << 16)) >>> 0;
  return [hi, lo];
}
