// Problem-state control and miscellaneous instructions: SUPERVISOR CALL, INSERT/SET PROGRAM
// MASK, EXTRACT PSW, TEST ADDRESSING MODE, POPULATION COUNT, FIND LEFTMOST ONE, STORE FACILITY
// LIST EXTENDED, STORE CLOCK, and the performance hints that do nothing here (PREFETCH DATA, NIAI).
import type { Insn } from '../../decoder/insn.js';
import { Pic, ProgramException } from '../../runtime/interruption.js';
import { StopRequest, type Cpu } from '../cpu.js';
import type { HandlerTable } from '../registry.js';
import { eaRS } from './operand.js';

function popcntByte(b: number): number {
  b = b - ((b >>> 1) & 0x55);
  b = (b & 0x33) + ((b >>> 2) & 0x33);
  return (b + (b >>> 4)) & 0x0f;
}

/** POPULATION COUNT (z196 form): each byte of R1 gets the number of one bits of that byte. */
function popcntWord(w: number): number {
  let r = 0;
  for (let k = 0; k < 32; k += 8) r |= popcntByte((w >>> k) & 0xff) << k;
  return r;
}

function byteSum(w: number): number {
  return (w & 0xff) + ((w >>> 8) & 0xff) + ((w >>> 16) & 0xff) + (w >>> 24);
}

function flogr(c: Cpu, i: Insn): void {
  if ((i.r1 & 1) !== 0) throw new ProgramException(Pic.Specification);
  const hi = c.hi(i.r2), lo = c.lo(i.r2);
  if ((hi | lo) === 0) {
    c.set64(i.r1, 0, 64);
    c.set64(i.r1 + 1, 0, 0);
    c.cc = 0;
    return;
  }
  const pos = hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
  c.set64(i.r1, 0, pos);
  if (pos < 32) c.set64(i.r1 + 1, hi & ~(0x80000000 >>> pos), lo);
  else c.set64(i.r1 + 1, 0, lo & ~(0x80000000 >>> (pos - 32)));
  c.cc = 2;
}

/** STORE FACILITY LIST EXTENDED: GR0 bits 56-63 say how many doublewords fit, minus one. */
function stfle(c: Cpu, i: Insn): void {
  const a = eaRS(c, i);
  if ((a & 7) !== 0) throw new ProgramException(Pic.Specification);
  const words = c.facilityList;
  const have = Math.max(1, Math.ceil(words.length / 2));
  const room = (c.lo(0) & 0xff) + 1;
  const n = Math.min(have, room);
  c.mem.check(a, n * 8);
  for (let k = 0; k < n; k++) c.mem.write64(a + k * 8, words[2 * k] ?? 0, words[2 * k + 1] ?? 0);
  c.setLo(0, (c.lo(0) & ~0xff) | (have - 1));
  c.cc = have <= room ? 0 : 3;
}

/** STORE CLOCK (FAST): the TOD clock; CC 0 (the clock is always in the set state here). */
function stck(c: Cpu, i: Insn): void {
  const [hi, lo] = c.tod();
  c.mem.write64(eaRS(c, i), hi, lo);
  c.cc = 0;
}

/** STCKE's operand, made once: Linux reads the clock so tens of thousands of times a boot. */
const STCKE_BYTES = new Uint8Array(16);
const STCKE_VIEW = new DataView(STCKE_BYTES.buffer);

/** STORE CLOCK EXTENDED: zero epoch index, the 64 TOD bits, then zeros (programmable field 0). */
function stcke(c: Cpu, i: Insn): void {
  const a = eaRS(c, i);
  c.mem.check(a, 16);
  const [hi, lo] = c.tod();
  STCKE_VIEW.setUint32(1, hi);
  STCKE_VIEW.setUint32(5, lo);
  c.mem.writeBytes(a, STCKE_BYTES);
  c.cc = 0;
}

export const miscOps: HandlerTable = {
  stck: stck,
  stckf: stck,
  stcke: stcke,
  // EXTRACT CPU ATTRIBUTE: this CPU describes no cache topology, which the PoP spells all ones.
  ecag: (c, i) => c.set64(i.r1, -1, -1),
  svc: (_c, i) => {
    throw new StopRequest({ kind: 'svc', code: i.i1 });
  },
  ipm: (c, i) => {
    const progMask = (c.pswMask0 >>> 8) & 0xf;
    c.setLo(i.r1, (c.lo(i.r1) & 0x00ffffff) | (c.cc << 28) | (progMask << 24));
  },
  spm: (c, i) => {
    const v = c.lo(i.r1);
    const mask0 = (c.pswMask0 & ~0xf00) | (((v >>> 24) & 0xf) << 8);
    c.setPswMask(mask0, c.pswMask1);
    c.cc = (v >>> 28) & 3;
  },
  epsw: (c, i) => {
    c.setLo(i.r1, c.pswMask0WithCc());
    if (i.r2 !== 0) c.setLo(i.r2, c.pswMask1);
  },
  tam: (c) => { c.cc = c.amode === 24 ? 0 : c.amode === 31 ? 1 : 3; },
  popcnt: (c, i) => {
    let hi = popcntWord(c.hi(i.r2)), lo = popcntWord(c.lo(i.r2));
    // M3 bit 0 (miscellaneous-instruction-extensions facility 3): one count of all 64 bits.
    if ((i.m3 & 8) !== 0) [hi, lo] = [0, byteSum(hi) + byteSum(lo)];
    c.set64(i.r1, hi, lo);
    c.cc = (hi | lo) !== 0 ? 1 : 0;
  },
  flogr: flogr,
  stfle: stfle,
  pfd: () => {},
  pfdrl: () => {},
  niai: () => {},
};
