// BFP arithmetic and comparison: ADD, SUBTRACT, MULTIPLY (also to the longer format), DIVIDE,
// SQUARE ROOT, MULTIPLY AND ADD/SUBTRACT, COMPARE and COMPARE AND SIGNAL, register and storage
// forms, short, long and extended.
import type { Insn } from '../../decoder/insn.js';
import type { Cpu } from '../cpu.js';
import { addU, divU, fmaU, mulU, sqrtU, subU } from '../fp/arith.js';
import { compareU } from '../fp/classify.js';
import { type BfpFormat, type Unpacked, EXTENDED, LONG, SHORT, isNaNClass } from '../fp/format.js';
import type { Handler, HandlerTable } from '../registry.js';
import {
  OUT, U1, U2, U3, checkPair, control, fpcRounding, fprOperand, ieee, memOperand, raiseDxc,
  valueCC, writeFpr,
} from './bfp-support.js';

type Arith = (fmt: BfpFormat, a: Unpacked, b: Unpacked, ctl: number, out: Uint32Array) => number;

/** The second operand: FPR r2, or storage at D2(X2,B2). */
function operand2(c: Cpu, fmt: BfpFormat, i: Insn, fromMem: boolean, u: Unpacked): void {
  if (fromMem) memOperand(c, fmt, i, u);
  else { checkPair(fmt, i.r2); fprOperand(c, fmt, i.r2, u); }
}

/** op1 = op1 (op) op2, rounded to `fmt` (`out` may be a longer format than the operands). */
function binary(fmt: BfpFormat, out: BfpFormat, op: Arith, setsCC: boolean, fromMem: boolean): Handler {
  return (c, i) => {
    checkPair(out, i.r1);
    fprOperand(c, fmt, i.r1, U1);
    operand2(c, fmt, i, fromMem, U2);
    const dxc = ieee(c, op(out, U1, U2, control(c, fpcRounding(c)), OUT));
    writeFpr(c, out, i.r1, OUT);
    if (setsCC) c.cc = valueCC(out, OUT);
    raiseDxc(c, dxc);
  };
}

function sqrt(fmt: BfpFormat, fromMem: boolean): Handler {
  return (c, i) => {
    checkPair(fmt, i.r1);
    operand2(c, fmt, i, fromMem, U2);
    const dxc = ieee(c, sqrtU(fmt, U2, control(c, fpcRounding(c)), OUT));
    writeFpr(c, fmt, i.r1, OUT);
    raiseDxc(c, dxc);
  };
}

/** MULTIPLY AND ADD/SUBTRACT: op1 = op3 x op2 +/- op1 with one rounding. */
function fma(fmt: BfpFormat, subtract: boolean, fromMem: boolean): Handler {
  return (c, i) => {
    fprOperand(c, fmt, i.r1, U1);
    fprOperand(c, fmt, i.r3, U2);
    operand2(c, fmt, i, fromMem, U3);
    if (subtract && !isNaNClass(U1.cls)) U1.sign ^= 1;
    const dxc = ieee(c, fmaU(fmt, U2, U3, U1, control(c, fpcRounding(c)), OUT, U2, U3, U1));
    writeFpr(c, fmt, i.r1, OUT);
    raiseDxc(c, dxc);
  };
}

function compare(fmt: BfpFormat, signaling: boolean, fromMem: boolean): Handler {
  return (c, i) => {
    checkPair(fmt, i.r1);
    fprOperand(c, fmt, i.r1, U1);
    operand2(c, fmt, i, fromMem, U2);
    const r = compareU(U1, U2, signaling);
    ieee(c, r >>> 8);
    c.cc = r & 3;
  };
}

const FORMATS = [['e', SHORT], ['d', LONG], ['x', EXTENDED]] as const;

function table(): HandlerTable {
  const t: Record<string, Handler> = {};
  for (const [l, f] of FORMATS) {
    const mul = l === 'e' ? 'mee' : `m${l}`;
    const ops: [string, Arith, boolean][] = [[`a${l}`, addU, true], [`s${l}`, subU, true], [mul, mulU, false], [`d${l}`, divU, false]];
    for (const [name, op, cc] of ops) {
      t[`${name}br`] = binary(f, f, op, cc, false);
      if (f !== EXTENDED) t[`${name}b`] = binary(f, f, op, cc, true);
    }
    t[`sq${l}br`] = sqrt(f, false);
    t[`c${l}br`] = compare(f, false, false);
    t[`k${l}br`] = compare(f, true, false);
    if (f !== EXTENDED) {
      t[`sq${l}b`] = sqrt(f, true);
      t[`c${l}b`] = compare(f, false, true);
      t[`k${l}b`] = compare(f, true, true);
      t[`ma${l}br`] = fma(f, false, false);
      t[`ms${l}br`] = fma(f, true, false);
      t[`ma${l}b`] = fma(f, false, true);
      t[`ms${l}b`] = fma(f, true, true);
    }
  }
  // The product of two operands is exact in the next longer format.
  t.mdebr = binary(SHORT, LONG, mulU, false, false);
  t.mdeb = binary(SHORT, LONG, mulU, false, true);
  t.mxdbr = binary(LONG, EXTENDED, mulU, false, false);
  t.mxdb = binary(LONG, EXTENDED, mulU, false, true);
  return t;
}

export const bfpArithOps: HandlerTable = table();
