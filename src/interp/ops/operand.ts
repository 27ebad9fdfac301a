// Second-operand fetchers shared by the families: storage operands at D2(X2,B2) / D2(B2) and
// immediates normalised to the signedness the PoP gives them (the table may carry either).
import type { Insn } from '../../decoder/insn.js';
import { HIGH_ADDRESS, type Cpu } from '../cpu.js';

export function eaRX(c: Cpu, i: Insn): number {
  return c.ea(i.x2, i.b2, i.d2);
}

export function eaRS(c: Cpu, i: Insn): number {
  return c.ea(0, i.b2, i.d2);
}

export function eaSI(c: Cpu, i: Insn): number {
  return c.ea(0, i.b1, i.d1);
}

/** Signed word at D2(X2,B2). */
export function memS32(c: Cpu, i: Insn): number {
  return c.mem.readS32(c.ea(i.x2, i.b2, i.d2));
}

/** Sign-extended halfword at D2(X2,B2). */
export function memS16(c: Cpu, i: Insn): number {
  return (c.mem.read16(c.ea(i.x2, i.b2, i.d2)) << 16) >> 16;
}

/** Reads the doubleword at D2(X2,B2) into c.mem.hi / c.mem.lo. */
export function mem64(c: Cpu, i: Insn): void {
  c.mem.read64(c.ea(i.x2, i.b2, i.d2));
}

export function s8(v: number): number { return (v << 24) >> 24; }
export function s16(v: number): number { return (v << 16) >> 16; }
export function u8(v: number): number { return v & 0xff; }
export function u16(v: number): number { return v & 0xffff; }

/** Storage address of a relative operand (LRL, STRL, ...): insn address + 2 * halfwords, wrapped
 *  to the addressing mode; below zero in the 64-bit mode it wraps high, beyond storage. */
export function relAddr(c: Cpu, i: Insn, halfwords: number): number {
  const t = i.addr + halfwords * 2;
  if (c.amode !== 64) return c.wrap(t) >>> 0;
  return t < 0 ? HIGH_ADDRESS : t;
}

/** Checks that len bytes from a are addressable, following the wrap at the top of the 24- and
 *  31-bit address spaces, so an SS instruction can fault before it changes anything. */
export function checkOperand(c: Cpu, a: number, len: number): void {
  if (len === 0) return;
  if (c.amode === 64) {
    c.mem.check(a, len);
    return;
  }
  const top = c.amode === 31 ? 0x80000000 : 0x1000000;
  if (a + len <= top) c.mem.check(a, len);
  else {
    c.mem.check(a, top - a);
    c.mem.check(0, a + len - top);
  }
}
