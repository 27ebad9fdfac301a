// Packed-decimal arithmetic: ADD, SUBTRACT, ZERO AND ADD, COMPARE, MULTIPLY, DIVIDE, SHIFT AND
// ROUND, and TEST DECIMAL.
import type { Insn } from '../../decoder/insn.js';
import { Pic, ProgramException } from '../../runtime/interruption.js';
import type { Cpu } from '../cpu.js';
import type { Handler, HandlerTable } from '../registry.js';
import { specification } from './bfp-support.js';
import {
  byteAt, capacity, decimalData, decimalResultCc, readPacked, touch, writePacked,
} from './decimal-packed.js';

function op1(c: Cpu, i: Insn): number { return c.ea(0, i.b1, i.d1); }
function op2(c: Cpu, i: Insn): number { return c.ea(0, i.b2, i.d2); }

/** Stores a signed result in op1 (L1 + 1 bytes) and sets the CC: a zero result is positive
 *  unless overflow dropped nonzero digits, when the sign of the true result stays. */
function storeResult(c: Cpu, a: number, len: number, mag: bigint, negative: boolean): void {
  const overflow = mag >= 10n ** BigInt(capacity(len));
  const kept = mag % 10n ** BigInt(capacity(len));
  const sign = negative && (kept !== 0n || overflow);
  writePacked(c, a, len, kept, sign);
  decimalResultCc(c, kept, sign, overflow);
}

function signed(v: { mag: bigint; negative: boolean }): bigint {
  return v.negative ? -v.mag : v.mag;
}

function addOrSubtract(subtract: boolean): Handler {
  return (c, i) => {
    const a1 = op1(c, i), a2 = op2(c, i);
    const x = readPacked(c, a1, i.l1 + 1), y = readPacked(c, a2, i.l2 + 1);
    const r = signed(x) + (subtract ? -signed(y) : signed(y));
    storeResult(c, a1, i.l1 + 1, r < 0n ? -r : r, r < 0n);
  };
}

function zeroAndAdd(c: Cpu, i: Insn): void {
  const a1 = op1(c, i);
  const y = readPacked(c, op2(c, i), i.l2 + 1);
  touch(c, a1, i.l1 + 1);
  storeResult(c, a1, i.l1 + 1, y.mag, y.negative);
}

function compareDecimal(c: Cpu, i: Insn): void {
  const x = signed(readPacked(c, op1(c, i), i.l1 + 1));
  const y = signed(readPacked(c, op2(c, i), i.l2 + 1));
  c.cc = x === y ? 0 : x < y ? 1 : 2;
}

/** MULTIPLY DECIMAL: the multiplier is at most 8 bytes and shorter than the multiplicand, which
 *  needs as many leftmost zero bytes as the multiplier has bytes. */
function multiplyDecimal(c: Cpu, i: Insn): void {
  if (i.l2 > 7 || i.l2 >= i.l1) specification();
  const a1 = op1(c, i);
  const x = readPacked(c, a1, i.l1 + 1), y = readPacked(c, op2(c, i), i.l2 + 1);
  if (x.mag >= 10n ** BigInt(capacity(i.l1 + 1) - 2 * (i.l2 + 1))) decimalData(c);
  // The sign follows the rules of algebra even for a zero product.
  writePacked(c, a1, i.l1 + 1, x.mag * y.mag, x.negative !== y.negative);
}

/** DIVIDE DECIMAL: quotient in the leftmost L1 - L2 bytes, remainder (dividend's sign) in the
 *  rightmost L2 + 1; a zero divisor or a quotient that does not fit is a decimal-divide exception. */
function divideDecimal(c: Cpu, i: Insn): void {
  if (i.l2 > 7 || i.l2 >= i.l1) specification();
  const a1 = op1(c, i);
  const x = readPacked(c, a1, i.l1 + 1), y = readPacked(c, op2(c, i), i.l2 + 1);
  const qLen = i.l1 - i.l2;
  if (y.mag === 0n || x.mag / y.mag >= 10n ** BigInt(capacity(qLen))) {
    throw new ProgramException(Pic.DecimalDivide);
  }
  writePacked(c, a1, qLen, x.mag / y.mag, x.negative !== y.negative);
  writePacked(c, c.addAddr(a1, qLen), i.l2 + 1, x.mag % y.mag, x.negative);
}

/** SHIFT AND ROUND DECIMAL: the shift is the low six bits of the second-operand address as a
 *  signed number, left when positive; a right shift adds the rounding digit I3 to the last
 *  digit shifted out. */
function shiftAndRound(c: Cpu, i: Insn): void {
  const a1 = op1(c, i);
  const x = readPacked(c, a1, i.l1 + 1);
  const s = (op2(c, i) << 26) >> 26;
  let mag: bigint;
  if (s >= 0) mag = x.mag * 10n ** BigInt(s);
  else {
    if (i.i3 > 9) decimalData(c);
    mag = (x.mag / 10n ** BigInt(-s - 1) + BigInt(i.i3)) / 10n;
  }
  storeResult(c, a1, i.l1 + 1, mag, x.negative);
}

/** TEST DECIMAL: CC 0 valid, 1 invalid sign, 2 invalid digit, 3 both. */
function testDecimal(c: Cpu, i: Insn): void {
  const a = op1(c, i), len = i.l1 + 1;
  let digit = false, sign = false;
  for (let n = 0; n < len; n++) {
    const b = byteAt(c, a, n);
    if (b >>> 4 > 9) digit = true;
    if (n === len - 1) sign = (b & 15) < 10;
    else if ((b & 15) > 9) digit = true;
  }
  c.cc = (sign ? 1 : 0) | (digit ? 2 : 0);
}

export const decimalArithOps: HandlerTable = {
  ap: addOrSubtract(false),
  sp: addOrSubtract(true),
  zap: zeroAndAdd,
  cp: compareDecimal,
  mp: multiplyDecimal,
  dp: divideDecimal,
  srp: shiftAndRound,
  tp: testDecimal,
};
