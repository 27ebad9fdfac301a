// Decimal format conversions: CONVERT TO BINARY (CVB, CVBY, CVBG), CONVERT TO DECIMAL (CVD,
// CVDY, CVDG), PACK, UNPACK, and their ASCII and Unicode forms (PKA, PKU, UNPKA, UNPKU).
import type { Insn } from '../../decoder/insn.js';
import { Pic, ProgramException } from '../../runtime/interruption.js';
import type { Cpu } from '../cpu.js';
import type { HandlerTable } from '../registry.js';
import { specification } from './bfp-support.js';
import { byteAt, readPacked, setByteAt, touch, writePacked } from './decimal-packed.js';
import { eaRX } from './operand.js';

/** CONVERT TO BINARY: a result outside the register's range stores its low bits and is then
 *  a fixed-point-divide exception. */
function toBinary(c: Cpu, i: Insn, bytes: 8 | 16): void {
  const v = readPacked(c, eaRX(c, i), bytes);
  const n = v.negative ? -v.mag : v.mag;
  const lo = Number(BigInt.asIntN(32, n)), hi = Number(BigInt.asIntN(32, n >> 32n));
  const limit = bytes === 8 ? 1n << 31n : 1n << 63n;
  if (bytes === 8) c.setLo(i.r1, lo); else c.set64(i.r1, hi, lo);
  if (n >= limit || n < -limit) throw new ProgramException(Pic.FixedPointDivide);
}

function toDecimal(c: Cpu, i: Insn, bytes: 8 | 16): void {
  const n = bytes === 8 ? BigInt(c.lo(i.r1)) : (BigInt(c.hi(i.r1)) << 32n) | BigInt(c.lo(i.r1) >>> 0);
  const a = eaRX(c, i);
  touch(c, a, bytes);
  writePacked(c, a, bytes, n < 0n ? -n : n, n < 0n);
}

/** PACK: zoned op2 to packed op1, right to left a byte at a time (so overlap behaves as the PoP
 *  describes); the rightmost byte's halves swap, then the low halves of op2 pair up. */
function pack(c: Cpu, i: Insn): void {
  const a1 = c.ea(0, i.b1, i.d1), a2 = c.ea(0, i.b2, i.d2);
  let n2 = i.l2;
  const b = byteAt(c, a2, n2--);
  setByteAt(c, a1, i.l1, ((b & 15) << 4) | (b >>> 4));
  for (let n1 = i.l1 - 1; n1 >= 0; n1--) {
    const lo = n2 >= 0 ? byteAt(c, a2, n2--) & 15 : 0;
    const hi = n2 >= 0 ? byteAt(c, a2, n2--) & 15 : 0;
    setByteAt(c, a1, n1, (hi << 4) | lo);
  }
}

/** UNPACK: packed op2 to zoned op1 (zone F), right to left a byte at a time. */
function unpack(c: Cpu, i: Insn): void {
  const a1 = c.ea(0, i.b1, i.d1), a2 = c.ea(0, i.b2, i.d2);
  let n2 = i.l2;
  const b = byteAt(c, a2, n2--);
  setByteAt(c, a1, i.l1, ((b & 15) << 4) | (b >>> 4));
  let pending = -1;
  for (let n1 = i.l1 - 1; n1 >= 0; n1--) {
    if (pending < 0) {
      const s = n2 >= 0 ? byteAt(c, a2, n2--) : 0;
      setByteAt(c, a1, n1, 0xf0 | (s & 15));
      pending = s >>> 4;
    } else {
      setByteAt(c, a1, n1, 0xf0 | pending);
      pending = -1;
    }
  }
}

/** PACK ASCII / PACK UNICODE: the low four bits of each character (1 or 2 bytes) become the
 *  digits of a 16-byte packed op1 with a plus sign; op2 holds at most 31 characters. */
function packChars(c: Cpu, i: Insn, charBytes: 1 | 2): void {
  const len = i.l2 + 1;
  if (len > 32 * charBytes || len % charBytes !== 0) specification();
  const a1 = c.ea(0, i.b1, i.d1), a2 = c.ea(0, i.b2, i.d2);
  const digits: number[] = [];
  for (let n = charBytes - 1; n < len; n += charBytes) digits.push(byteAt(c, a2, n) & 15);
  touch(c, a1, 16);
  const out = new Uint8Array(16);
  out[15] = 0x0c;
  for (let k = 0; k < digits.length && k < 31; k++) {
    const d = digits[digits.length - 1 - k]!;
    const pos = 31 - 1 - k; // nibble index from the left, 0..30
    const byte = pos >> 1;
    out[byte] = out[byte]! | ((pos & 1) === 0 ? d << 4 : d);
  }
  for (let n = 0; n < 16; n++) setByteAt(c, a1, n, out[n]!);
}

/** UNPACK ASCII / UNPACK UNICODE: a 16-byte packed op2 to L1 + 1 bytes of characters 3x;
 *  CC 0 plus sign, 1 minus, 3 invalid sign. Digit codes are not checked. */
function unpackChars(c: Cpu, i: Insn, charBytes: 1 | 2): void {
  const len = i.l1 + 1;
  if (len > 32 * charBytes || len % charBytes !== 0) specification();
  const a1 = c.ea(0, i.b1, i.d1), a2 = c.ea(0, i.b2, i.d2);
  const nibbles: number[] = [];
  for (let n = 0; n < 16; n++) { const b = byteAt(c, a2, n); nibbles.push(b >>> 4, b & 15); }
  const sign = nibbles.pop()!;
  touch(c, a1, len);
  const chars = len / charBytes;
  for (let k = 0; k < chars; k++) {
    // 32 characters are one more than the 31 digits: the leftmost is a zero.
    const d = nibbles[31 - chars + k] ?? 0;
    if (charBytes === 2) setByteAt(c, a1, 2 * k, 0);
    setByteAt(c, a1, charBytes * k + charBytes - 1, 0x30 | d);
  }
  c.cc = sign < 10 ? 3 : sign === 0xb || sign === 0xd ? 1 : 0;
}

export const decimalConvertOps: HandlerTable = {
  cvb: (c, i) => toBinary(c, i, 8),
  cvby: (c, i) => toBinary(c, i, 8),
  cvbg: (c, i) => toBinary(c, i, 16),
  cvd: (c, i) => toDecimal(c, i, 8),
  cvdy: (c, i) => toDecimal(c, i, 8),
  cvdg: (c, i) => toDecimal(c, i, 16),
  pack,
  unpk: unpack,
  pka: (c, i) => packChars(c, i, 1),
  pku: (c, i) => packChars(c, i, 2),
  unpka: (c, i) => unpackChars(c, i, 1),
  unpku: (c, i) => unpackChars(c, i, 2),
};
