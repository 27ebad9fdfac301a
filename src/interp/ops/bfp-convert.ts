// BFP conversions: LOAD LENGTHENED and LOAD ROUNDED between formats, CONVERT TO and FROM FIXED
// (signed and logical, 32 and 64 bits), LOAD FP INTEGER, and TEST DATA CLASS.
import { dataClassBit } from '../fp/classify.js';
import { IntResult, convertU, fromInt, roundToIntegralU, toInt } from '../fp/convert.js';
import { type BfpFormat, EXTENDED, LONG, SHORT } from '../fp/format.js';
import type { Handler, HandlerTable } from '../registry.js';
import {
  OUT, U1, U2, checkPair, control, fpcRounding, fprOperand, ieee, inexactSuppressed, m3Rounding,
  memOperand, raiseDxc, writeFpr,
} from './bfp-support.js';

/** LOAD LENGTHENED (exact) and LOAD ROUNDED. Rounding from extended still names a register
 *  pair as the target; only its left register changes. */
function convertFormat(from: BfpFormat, to: BfpFormat, fromMem: boolean): Handler {
  return (c, i) => {
    const rounds = to.words < from.words;
    checkPair(rounds ? from : to, i.r1);
    if (fromMem) memOperand(c, from, i, U2);
    else { checkPair(from, i.r2); fprOperand(c, from, i.r2, U2); }
    const rm = rounds ? m3Rounding(c, i.m3) : fpcRounding(c);
    const dxc = ieee(c, convertU(to, U2, control(c, rm), OUT), rounds && inexactSuppressed(i));
    writeFpr(c, to, i.r1, OUT);
    raiseDxc(c, dxc);
  };
}

const ir = new IntResult();

/** CONVERT TO FIXED / CONVERT TO LOGICAL: 32-bit results replace bits 32-63 of R1. */
function toFixed(from: BfpFormat, bits: 32 | 64, signed: boolean): Handler {
  return (c, i) => {
    checkPair(from, i.r2);
    const rm = m3Rounding(c, i.m3);
    fprOperand(c, from, i.r2, U2);
    const dxc = ieee(c, toInt(U2, bits, signed, rm, ir), inexactSuppressed(i));
    if (bits === 64) c.set64(i.r1, ir.hi, ir.lo);
    else c.setLo(i.r1, ir.lo);
    c.cc = ir.cc;
    raiseDxc(c, dxc);
  };
}

/** CONVERT FROM FIXED / CONVERT FROM LOGICAL. */
function fromFixed(to: BfpFormat, bits: 32 | 64, signed: boolean): Handler {
  return (c, i) => {
    checkPair(to, i.r1);
    const rm = m3Rounding(c, i.m3);
    const lo = c.lo(i.r2);
    const hi = bits === 64 ? c.hi(i.r2) : signed ? lo >> 31 : 0;
    const dxc = ieee(c, fromInt(to, hi >>> 0, lo >>> 0, signed, control(c, rm), OUT, U1), inexactSuppressed(i));
    writeFpr(c, to, i.r1, OUT);
    raiseDxc(c, dxc);
  };
}

/** LOAD FP INTEGER. */
function loadFpInteger(fmt: BfpFormat): Handler {
  return (c, i) => {
    checkPair(fmt, i.r1);
    checkPair(fmt, i.r2);
    const rm = m3Rounding(c, i.m3);
    fprOperand(c, fmt, i.r2, U2);
    const dxc = ieee(c, roundToIntegralU(fmt, U2, control(c, rm), OUT), inexactSuppressed(i));
    writeFpr(c, fmt, i.r1, OUT);
    raiseDxc(c, dxc);
  };
}

/** TEST DATA CLASS: CC 1 when the bit for the operand's class is one in bits 52-63 of the
 *  second-operand address (which is not used to address storage). */
function testDataClass(fmt: BfpFormat): Handler {
  return (c, i) => {
    checkPair(fmt, i.r1);
    const mask = c.ea(i.x2, i.b2, i.d2) & 0xfff;
    fprOperand(c, fmt, i.r1, U1);
    c.cc = (dataClassBit(fmt, U1) & mask) !== 0 ? 1 : 0;
  };
}

function table(): HandlerTable {
  const t: Record<string, Handler> = {};
  const F = [['e', SHORT], ['d', LONG], ['x', EXTENDED]] as const;
  for (const [l, f] of F) {
    for (const [name, h] of [
      [`cf${l}br`, toFixed(f, 32, true)], [`cg${l}br`, toFixed(f, 64, true)],
      [`c${l}fbr`, fromFixed(f, 32, true)], [`c${l}gbr`, fromFixed(f, 64, true)],
      [`fi${l}br`, loadFpInteger(f)],
    ] as const) {
      // The floating-point-extension forms (…A) are the same opcode with the M4 field in use.
      t[name] = h;
      t[`${name}a`] = h;
    }
    t[`clf${l}br`] = toFixed(f, 32, false);
    t[`clg${l}br`] = toFixed(f, 64, false);
    t[`c${l}lfbr`] = fromFixed(f, 32, false);
    t[`c${l}lgbr`] = fromFixed(f, 64, false);
    t[`tc${l}b`] = testDataClass(f);
  }
  t.ldebr = convertFormat(SHORT, LONG, false);
  t.ldeb = convertFormat(SHORT, LONG, true);
  t.lxdbr = convertFormat(LONG, EXTENDED, false);
  t.lxdb = convertFormat(LONG, EXTENDED, true);
  t.lxebr = convertFormat(SHORT, EXTENDED, false);
  t.lxeb = convertFormat(SHORT, EXTENDED, true);
  for (const [name, from, to] of [['ledbr', LONG, SHORT], ['ldxbr', EXTENDED, LONG], ['lexbr', EXTENDED, SHORT]] as const) {
    t[name] = convertFormat(from, to, false);
    t[`${name}a`] = t[name]!;
  }
  return t;
}

export const bfpConvertOps: HandlerTable = table();
