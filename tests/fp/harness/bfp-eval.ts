// Recomputes one oracle line with the soft-float core and says what differs.
import { addU, divU, fmaU, mulU, sqrtU, subU } from '../../../src/interp/fp/arith.js';
import { compareU, dataClassBit, resultCC } from '../../../src/interp/fp/classify.js';
import { IntResult, convertU, fromInt, roundToIntegralU, toInt } from '../../../src/interp/fp/convert.js';
import { EXTENDED, LONG, SHORT, Unpacked, isNaNClass, unpack, type BfpFormat } from '../../../src/interp/fp/format.js';
import { propagateNaN } from '../../../src/interp/fp/nan.js';
import { Exc, fpControl, roundingFromM3 } from '../../../src/interp/fp/round.js';
import type { OpSpec } from './bfp-ops.js';

const FMTS: readonly BfpFormat[] = [SHORT, LONG, EXTENDED];
const A = new Unpacked(), B = new Unpacked(), C = new Unpacked(), R = new Unpacked();
const out = new Uint32Array(4);
const ir = new IntResult();

function words(hex: string): Uint32Array {
  const w = new Uint32Array(hex.length / 8);
  for (let i = 0; i < w.length; i++) w[i] = parseInt(hex.slice(8 * i, 8 * i + 8), 16);
  return w;
}

function hexOf(w: ArrayLike<number>, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += (w[i]! >>> 0).toString(16).padStart(8, '0');
  return s;
}

export interface Outcome { result: string; cc: string; fpc: string }

/** Computes result, CC and FPC for `mn fpcMode m3 m4 operands...` under masks of zero. */
export function evaluate(spec: OpSpec, mode: number, m3: number, m4: number, operands: readonly string[]): Outcome {
  const fi = FMTS[spec.fin]!, fo = FMTS[spec.fout]!;
  const rm = spec.m34 ? roundingFromM3(m3, mode) : mode;
  const ctl = fpControl(rm, 0);
  let exc = 0;
  let result = '-';
  let cc = '-';
  if (spec.kind === 'fromint') {
    const v = words(operands[0]!);
    let hi = v[0]!, lo = v[1]!;
    if (spec.bits === 32) hi = spec.signed ? (lo & 0x80000000 ? 0xffffffff : 0) : 0;
    exc = fromInt(fo, hi, lo, spec.signed!, ctl, out, A);
    result = hexOf(out, fo.words);
  } else {
    const ops = [A, B, C];
    operands.forEach((h, i) => unpack(fi, words(h), ops[i]!));
    switch (spec.kind) {
      case 'bin': case 'mulx': {
        const f = spec.mn[0] === 'a' ? addU : spec.mn[0] === 's' ? subU : spec.mn[0] === 'm' ? mulU : divU;
        exc = f(fo, A, B, ctl, out);
        result = hexOf(out, fo.words);
        break;
      }
      case 'fma': {
        // MADBR r1,r3,r2: r3 x r2 + r1; operands printed as r1, r3, r2.
        if (spec.mn[1] === 's' && !isNaNClass(A.cls)) A.sign ^= 1;
        exc = fmaU(fo, B, C, A, ctl, out, B, C, A);
        result = hexOf(out, fo.words);
        break;
      }
      case 'un': exc = unary(spec.mn.slice(0, 2), fo, words(operands[0]!), ctl); result = hexOf(out, fo.words); break;
      case 'conv': exc = convertU(fo, A, ctl, out); result = hexOf(out, fo.words); break;
      case 'fi': exc = roundToIntegralU(fo, A, rm, out); result = hexOf(out, fo.words); break;
      case 'cmp': {
        const r = compareU(A, B, spec.mn[0] === 'k');
        cc = String(r & 3);
        exc = r >>> 8;
        break;
      }
      case 'tc': cc = (dataClassBit(fi, A) & m3) !== 0 ? '1' : '0'; break;
      case 'toint': {
        exc = toInt(A, spec.bits!, spec.signed!, rm, ir);
        result = spec.bits === 32 ? hexOf([ir.lo], 1) : hexOf([ir.hi, ir.lo], 2);
        cc = String(ir.cc);
        break;
      }
    }
  }
  if (spec.setsCC && cc === '-') {
    unpack(fo, words(result), R);
    cc = String(resultCC(R));
  }
  let flags = exc & 0xf8;
  if (spec.m34 && (m4 & 4) !== 0) flags &= ~Exc.Inexact;
  return { result, cc, fpc: hexOf([(mode | (flags << 16)) >>> 0], 1) };
}

function unary(op: string, fmt: BfpFormat, raw: Uint32Array, ctl: number): number {
  if (op === 'sq') return sqrtU(fmt, A, ctl, out);
  if (op === 'lt') {
    const nan = propagateNaN(fmt, out, A);
    if (nan >= 0) return nan;
  }
  // The other loads only touch the sign bit and never signal.
  out.set(raw);
  const sign = op === 'lt' ? raw[0]! >>> 31 : op === 'lc' ? (raw[0]! >>> 31) ^ 1 : op === 'lp' ? 0 : 1;
  out[0] = (raw[0]! & 0x7fffffff) | (sign << 31);
  return 0;
}
