// One instruction family's emitters, keyed by base mnemonic like the interpreter's handlers.
import type { Insn } from '../../decoder/insn.js';
import type { Emitter, X } from './context.js';

export type EmitFn = (e: Emitter, i: Insn) => void;

export interface Family {
  /** The name --jit-disable takes. */
  readonly name: string;
  readonly ops: Readonly<Record<string, EmitFn>>;
}

export const s16 = (v: number): number => (v << 16) >> 16;
export const s8 = (v: number): number => (v << 24) >> 24;

/** D2(X2,B2). */
export const rx = (e: Emitter, i: Insn): X => e.ea(i.x2, i.b2, i.d2);
/** D1(B1). */
export const si = (e: Emitter, i: Insn): X => e.ea(0, i.b1, i.d1);

/** Address of a relative operand in the 64-bit mode: below zero it wraps beyond storage. */
export function rel(e: Emitter, i: Insn, halfwords: number): X {
  const t = i.addr + halfwords * 2;
  return e.i64n(t < 0 ? 2 ** 52 : t);
}

/** Branch target of a relative branch (the PSW takes it modulo 2^64 in the 64-bit mode). */
export function target(i: Insn, halfwords: number): number {
  return i.addr + halfwords * 2;
}
