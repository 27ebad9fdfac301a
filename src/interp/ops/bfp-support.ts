// What every BFP handler shares: FPR and storage operands in the three formats, the rounding
// control an instruction selects, and the IEEE exception rules of the PoP (which conditions
// suppress the result, which complete it and then interrupt, and which only set FPC flags).
import type { Insn } from '../../decoder/insn.js';
import { Pic, ProgramException } from '../../runtime/interruption.js';
import type { Cpu } from '../cpu.js';
import { type BfpFormat, Unpacked, unpack } from '../fp/format.js';
import { Exc, Rounding, fpControl, roundingFromM3 } from '../fp/round.js';

/** Scratch format words for operands and the result (handlers do not nest). */
export const W1 = new Uint32Array(4), OUT = new Uint32Array(4);
/** Scratch unpacked operands. */
export const U1 = new Unpacked(), U2 = new Unpacked(), U3 = new Unpacked();

export function specification(): never {
  throw new ProgramException(Pic.Specification);
}

/** Extended operands live in register pairs n, n + 2, so n must be 0, 1, 4, 5, 8, 9, 12 or 13. */
export function checkPair(fmt: BfpFormat, r: number): void {
  if (fmt.words === 4 && (r & 2) !== 0) specification();
}

export function readFpr(c: Cpu, fmt: BfpFormat, r: number, w: Uint32Array): void {
  w[0] = c.fprHi(r);
  if (fmt.words === 1) return;
  w[1] = c.fprLo(r);
  if (fmt.words === 2) return;
  w[2] = c.fprHi(r + 2);
  w[3] = c.fprLo(r + 2);
}

/** A short result replaces bits 0-31 only; bits 32-63 of the FPR are unchanged. */
export function writeFpr(c: Cpu, fmt: BfpFormat, r: number, w: Uint32Array): void {
  if (fmt.words === 1) { c.setFpr(r, w[0]!, c.fprLo(r)); return; }
  c.setFpr(r, w[0]!, w[1]!);
  if (fmt.words === 4) c.setFpr(r + 2, w[2]!, w[3]!);
}

/** Reads a short or long operand from storage. */
export function readMem(c: Cpu, fmt: BfpFormat, a: number, w: Uint32Array): void {
  if (fmt.words === 1) { w[0] = c.mem.read32(a); return; }
  c.mem.read64(a);
  w[0] = c.mem.hi; w[1] = c.mem.lo;
}

const TMP = new Uint32Array(4);

export function fprOperand(c: Cpu, fmt: BfpFormat, r: number, u: Unpacked): void {
  readFpr(c, fmt, r, TMP);
  unpack(fmt, TMP, u);
}

/** The operand at D2(X2,B2). */
export function memOperand(c: Cpu, fmt: BfpFormat, i: Insn, u: Unpacked): void {
  readMem(c, fmt, c.ea(i.x2, i.b2, i.d2), TMP);
  unpack(fmt, TMP, u);
}

/** The FPC's BFP rounding mode (bits 29-31). */
export function fpcRounding(c: Cpu): Rounding {
  return (c.fpc & 7) as Rounding;
}

/** The rounding method of an instruction with an M3 field; 2 and 8-15 are reserved. */
export function m3Rounding(c: Cpu, m3: number): Rounding {
  if (m3 === 2 || m3 > 7) specification();
  return roundingFromM3(m3, c.fpc & 7);
}

/** Operation control for roundPack: the rounding method plus the FPC masks. */
export function control(c: Cpu, rm: Rounding): number {
  return fpControl(rm, c.fpc >>> 24);
}

/** The M4 bit that suppresses the IEEE-inexact exception (XxC). */
export function inexactSuppressed(i: Insn): boolean {
  return (i.m4 & 4) !== 0;
}

/** Applies the IEEE exception conditions of one operation to the FPC. An enabled invalid
 *  operation or division by zero suppresses the operation: this throws before the handler
 *  writes anything. Otherwise returns the DXC of an enabled overflow, underflow or inexact
 *  condition (the handler completes the operation, then calls raiseDxc), or 0. */
export function ieee(c: Cpu, exc: number, xxc = false): number {
  if (exc === 0) return 0;
  const masks = c.fpc >>> 24;
  if ((exc & Exc.Invalid) !== 0 && (masks & Exc.Invalid) !== 0) c.dataException(0x80);
  if ((exc & Exc.DivByZero) !== 0 && (masks & Exc.DivByZero) !== 0) c.dataException(0x40);
  let flags = exc & 0xf8;
  if (xxc) flags &= ~Exc.Inexact;
  // The DXC's low bits say whether the delivered result was inexact and, if so, incremented.
  const inexactBits = (flags & Exc.Inexact) !== 0 ? 0x08 | ((exc & Exc.Incremented) !== 0 ? 0x04 : 0) : 0;
  if ((flags & Exc.Overflow) !== 0 && (masks & Exc.Overflow) !== 0) return 0x20 | inexactBits;
  if ((flags & Exc.Underflow) !== 0 && (masks & Exc.Underflow) !== 0) return 0x10 | inexactBits;
  if ((flags & Exc.Inexact) !== 0 && (masks & Exc.Inexact) !== 0) {
    c.fpc = (c.fpc | ((flags & ~Exc.Inexact) << 16)) >>> 0;
    return inexactBits;
  }
  c.fpc = (c.fpc | (flags << 16)) >>> 0;
  return 0;
}

/** Raises the data exception a completed operation left pending. */
export function raiseDxc(c: Cpu, dxc: number): void {
  if (dxc !== 0) c.dataException(dxc);
}

/** CC of a BFP value in format words: 0 zero, 1 negative, 2 positive, 3 NaN. */
export function valueCC(fmt: BfpFormat, w: Uint32Array): number {
  const hi = w[0]!;
  const expMask = (2 ** fmt.expBits - 1) << (31 - fmt.expBits);
  const fracHi = hi & ((2 ** (31 - fmt.expBits)) - 1);
  let rest = 0;
  for (let k = 1; k < fmt.words; k++) rest |= w[k]!;
  const fracZero = fracHi === 0 && rest === 0;
  if ((hi & expMask) === expMask && !fracZero) return 3;
  if ((hi & expMask) === 0 && fracZero) return 0;
  return hi >>> 31 !== 0 ? 1 : 2;
}
