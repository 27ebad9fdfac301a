// Loads, stores and moves between registers and storage: LOAD (all widths and extensions),
// LOAD AND TEST, LOAD COMPLEMENT / NEGATIVE / POSITIVE, LOAD ADDRESS, the immediate loads and
// inserts, LOAD/STORE MULTIPLE, LOAD/STORE REVERSED, INSERT/STORE CHARACTERS UNDER MASK,
// MOVE immediate, the relative-long loads and stores, and the access-register moves.
import type { Insn } from '../../decoder/insn.js';
import { CcOp } from '../cc.js';
import type { Cpu } from '../cpu.js';
import { Pic, ProgramException } from '../../runtime/interruption.js';
import type { HandlerTable } from '../registry.js';
import * as u64 from '../u64.js';
import { checkOperand, eaRS, eaRX, eaSI, mem64, memS16, memS32, relAddr, s16, s8, u16 } from './operand.js';

function setSext(c: Cpu, r: number, v: number): void {
  c.set64(r, v >> 31, v);
}

function loadAndTest32(c: Cpu, r1: number, v: number): void {
  c.setLo(r1, v);
  c.cc32(CcOp.Sign32, 0, 0, v);
}

function loadAndTest64(c: Cpu, r1: number, hi: number, lo: number): void {
  c.set64(r1, hi, lo);
  c.cc64(CcOp.Sign64, 0, 0, 0, 0, hi, lo);
}

/** LOAD COMPLEMENT: 0 - v, overflowing only for the maximum negative number. */
function complement32(c: Cpu, r1: number, v: number): void {
  const r = -v | 0;
  c.setLo(r1, r);
  c.cc32(CcOp.Sub32, 0, v, r);
  if (v === r && v !== 0) c.fixedOverflow();
}

function complement64(c: Cpu, r1: number, hi: number, lo: number): void {
  const rLo = u64.neg64(hi, lo), rHi = u64.hi;
  c.set64(r1, rHi, rLo);
  c.cc64(CcOp.Sub64, 0, 0, hi, lo, rHi, rLo);
  if (hi === (0x80000000 | 0) && lo === 0) c.fixedOverflow();
}

function positive32(c: Cpu, r1: number, v: number): void {
  if (v < 0) complement32(c, r1, v);
  else loadAndTest32(c, r1, v);
}

function positive64(c: Cpu, r1: number, hi: number, lo: number): void {
  if (hi < 0) complement64(c, r1, hi, lo);
  else loadAndTest64(c, r1, hi, lo);
}

function negative32(c: Cpu, r1: number, v: number): void {
  loadAndTest32(c, r1, v > 0 ? -v : v);
}

function negative64(c: Cpu, r1: number, hi: number, lo: number): void {
  if (hi < 0 || (hi | lo) === 0) loadAndTest64(c, r1, hi, lo);
  else {
    const rLo = u64.neg64(hi, lo);
    loadAndTest64(c, r1, u64.hi, rLo);
  }
}

/** LOAD ADDRESS: all 64 bits in the 64-bit mode, otherwise bits 32-63 only. */
function loadAddress(c: Cpu, r1: number, a: number): void {
  if (c.amode === 64) c.set64(r1, c.eaHi, a >>> 0);
  else c.setLo(r1, a);
}

/** Registers r1 .. r3, wrapping from 15 to 0. */
function regCount(r1: number, r3: number): number {
  return ((r3 - r1) & 15) + 1;
}

function loadMultiple(c: Cpu, i: Insn, width: 4 | 8, high: boolean): void {
  const n = regCount(i.r1, i.r3);
  let a = eaRS(c, i);
  checkOperand(c, a, n * width);
  for (let k = 0, r = i.r1; k < n; k++, r = (r + 1) & 15) {
    if (width === 8) {
      c.mem.read64(a);
      c.set64(r, c.mem.hi, c.mem.lo);
    } else if (high) c.setHi(r, c.mem.readS32(a));
    else c.setLo(r, c.mem.readS32(a));
    a = c.addAddr(a, width);
  }
}

function storeMultiple(c: Cpu, i: Insn, width: 4 | 8, high: boolean): void {
  const n = regCount(i.r1, i.r3);
  let a = eaRS(c, i);
  checkOperand(c, a, n * width);
  for (let k = 0, r = i.r1; k < n; k++, r = (r + 1) & 15) {
    if (width === 8) c.mem.write64(a, c.hi(r), c.lo(r));
    else c.mem.write32(a, high ? c.hi(r) : c.lo(r));
    a = c.addAddr(a, width);
  }
}

/** INSERT CHARACTERS UNDER MASK into the word selected by high. */
function insertChars(c: Cpu, i: Insn, high: boolean): void {
  let a = eaRS(c, i);
  let word = high ? c.hi(i.r1) : c.lo(i.r1);
  const mask = i.m3;
  let first = -1, any = 0;
  for (let bit = 3; bit >= 0; bit--) {
    if ((mask & (1 << bit)) === 0) continue;
    const b = c.mem.read8(a);
    a = c.addAddr(a, 1);
    if (first < 0) first = b;
    any |= b;
    word = (word & ~(0xff << (bit * 8))) | (b << (bit * 8));
  }
  if (high) c.setHi(i.r1, word); else c.setLo(i.r1, word);
  c.cc = any === 0 ? 0 : (first & 0x80) !== 0 ? 1 : 2;
}

function storeChars(c: Cpu, i: Insn, high: boolean): void {
  let a = eaRS(c, i);
  const word = high ? c.hi(i.r1) : c.lo(i.r1);
  for (let bit = 3; bit >= 0; bit--) {
    if ((i.m3 & (1 << bit)) === 0) continue;
    c.mem.write8(a, word >>> (bit * 8));
    a = c.addAddr(a, 1);
  }
}

function bswap32(v: number): number {
  return ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24);
}

function bswap16(v: number): number {
  return ((v & 0xff) << 8) | ((v >>> 8) & 0xff);
}

/** Replaces one 16-bit field of GPR r1 (LLIHH ... IILL); shift 16 or 0 within the word. */
function insertHalf(c: Cpu, r1: number, high: boolean, shift: number, v: number, clearRest: boolean): void {
  const f = u16(v) << shift;
  if (clearRest) {
    c.set64(r1, high ? f : 0, high ? 0 : f);
    return;
  }
  const word = high ? c.hi(r1) : c.lo(r1);
  const r = (word & ~(0xffff << shift)) | f;
  if (high) c.setHi(r1, r); else c.setLo(r1, r);
}

/** LOAD/STORE ACCESS MULTIPLE: the second operand must be on a word boundary. */
function accessRegisterOperand(c: Cpu, i: Insn): number {
  const a = eaRS(c, i);
  if ((a & 3) !== 0) throw new ProgramException(Pic.Specification);
  return a;
}

export const loadOps: HandlerTable = {
  lr: (c, i) => c.setLo(i.r1, c.lo(i.r2)),
  l: (c, i) => c.setLo(i.r1, memS32(c, i)),
  ly: (c, i) => c.setLo(i.r1, memS32(c, i)),
  lgr: (c, i) => c.set64(i.r1, c.hi(i.r2), c.lo(i.r2)),
  lg: (c, i) => { mem64(c, i); c.set64(i.r1, c.mem.hi, c.mem.lo); },
  lgfr: (c, i) => setSext(c, i.r1, c.lo(i.r2)),
  lgf: (c, i) => setSext(c, i.r1, memS32(c, i)),
  lhr: (c, i) => c.setLo(i.r1, s16(c.lo(i.r2))),
  lh: (c, i) => c.setLo(i.r1, memS16(c, i)),
  lhy: (c, i) => c.setLo(i.r1, memS16(c, i)),
  lghr: (c, i) => setSext(c, i.r1, s16(c.lo(i.r2))),
  lgh: (c, i) => setSext(c, i.r1, memS16(c, i)),
  lbr: (c, i) => c.setLo(i.r1, s8(c.lo(i.r2))),
  lb: (c, i) => c.setLo(i.r1, s8(c.mem.read8(eaRX(c, i)))),
  lgbr: (c, i) => setSext(c, i.r1, s8(c.lo(i.r2))),
  lgb: (c, i) => setSext(c, i.r1, s8(c.mem.read8(eaRX(c, i)))),
  llcr: (c, i) => c.setLo(i.r1, c.lo(i.r2) & 0xff),
  llc: (c, i) => c.setLo(i.r1, c.mem.read8(eaRX(c, i))),
  llgcr: (c, i) => c.set64(i.r1, 0, c.lo(i.r2) & 0xff),
  llgc: (c, i) => c.set64(i.r1, 0, c.mem.read8(eaRX(c, i))),
  llhr: (c, i) => c.setLo(i.r1, c.lo(i.r2) & 0xffff),
  llh: (c, i) => c.setLo(i.r1, c.mem.read16(eaRX(c, i))),
  llghr: (c, i) => c.set64(i.r1, 0, c.lo(i.r2) & 0xffff),
  llgh: (c, i) => c.set64(i.r1, 0, c.mem.read16(eaRX(c, i))),
  llgfr: (c, i) => c.set64(i.r1, 0, c.lo(i.r2)),
  llgf: (c, i) => c.set64(i.r1, 0, memS32(c, i)),
  llgtr: (c, i) => c.set64(i.r1, 0, c.lo(i.r2) & 0x7fffffff),
  llgt: (c, i) => c.set64(i.r1, 0, memS32(c, i) & 0x7fffffff),

  ltr: (c, i) => loadAndTest32(c, i.r1, c.lo(i.r2)),
  lt: (c, i) => loadAndTest32(c, i.r1, memS32(c, i)),
  ltgr: (c, i) => loadAndTest64(c, i.r1, c.hi(i.r2), c.lo(i.r2)),
  ltg: (c, i) => { mem64(c, i); loadAndTest64(c, i.r1, c.mem.hi, c.mem.lo); },
  ltgfr: (c, i) => { const v = c.lo(i.r2); loadAndTest64(c, i.r1, v >> 31, v); },
  ltgf: (c, i) => { const v = memS32(c, i); loadAndTest64(c, i.r1, v >> 31, v); },
  lcr: (c, i) => complement32(c, i.r1, c.lo(i.r2)),
  lcgr: (c, i) => complement64(c, i.r1, c.hi(i.r2), c.lo(i.r2)),
  lcgfr: (c, i) => { const v = c.lo(i.r2); complement64(c, i.r1, v >> 31, v); },
  lpr: (c, i) => positive32(c, i.r1, c.lo(i.r2)),
  lpgr: (c, i) => positive64(c, i.r1, c.hi(i.r2), c.lo(i.r2)),
  lpgfr: (c, i) => { const v = c.lo(i.r2); positive64(c, i.r1, v >> 31, v); },
  lnr: (c, i) => negative32(c, i.r1, c.lo(i.r2)),
  lngr: (c, i) => negative64(c, i.r1, c.hi(i.r2), c.lo(i.r2)),
  lngfr: (c, i) => { const v = c.lo(i.r2); negative64(c, i.r1, v >> 31, v); },

  la: (c, i) => loadAddress(c, i.r1, eaRX(c, i)),
  lay: (c, i) => loadAddress(c, i.r1, eaRX(c, i)),
  larl: (c, i) => {
    const t = i.addr + i.ri2 * 2;
    if (c.amode !== 64) c.setLo(i.r1, c.wrap(t));
    else if (t < 0) c.set64(i.r1, -1, t | 0);
    else c.set64(i.r1, Math.floor(t / 4294967296) | 0, t % 4294967296 | 0);
  },
  lhi: (c, i) => c.setLo(i.r1, s16(i.i2)),
  lghi: (c, i) => setSext(c, i.r1, s16(i.i2)),
  lgfi: (c, i) => setSext(c, i.r1, i.i2 | 0),
  llihh: (c, i) => insertHalf(c, i.r1, true, 16, i.i2, true),
  llihl: (c, i) => insertHalf(c, i.r1, true, 0, i.i2, true),
  llilh: (c, i) => insertHalf(c, i.r1, false, 16, i.i2, true),
  llill: (c, i) => insertHalf(c, i.r1, false, 0, i.i2, true),
  llihf: (c, i) => c.set64(i.r1, i.i2 | 0, 0),
  llilf: (c, i) => c.set64(i.r1, 0, i.i2 | 0),
  iihh: (c, i) => insertHalf(c, i.r1, true, 16, i.i2, false),
  iihl: (c, i) => insertHalf(c, i.r1, true, 0, i.i2, false),
  iilh: (c, i) => insertHalf(c, i.r1, false, 16, i.i2, false),
  iill: (c, i) => insertHalf(c, i.r1, false, 0, i.i2, false),
  iihf: (c, i) => c.setHi(i.r1, i.i2 | 0),
  iilf: (c, i) => c.setLo(i.r1, i.i2 | 0),

  lrl: (c, i) => c.setLo(i.r1, c.mem.readS32(relAddr(c, i, i.ri2))),
  lgrl: (c, i) => { c.mem.read64(relAddr(c, i, i.ri2)); c.set64(i.r1, c.mem.hi, c.mem.lo); },
  lgfrl: (c, i) => setSext(c, i.r1, c.mem.readS32(relAddr(c, i, i.ri2))),
  llgfrl: (c, i) => c.set64(i.r1, 0, c.mem.readS32(relAddr(c, i, i.ri2))),
  lhrl: (c, i) => c.setLo(i.r1, s16(c.mem.read16(relAddr(c, i, i.ri2)))),
  lghrl: (c, i) => setSext(c, i.r1, s16(c.mem.read16(relAddr(c, i, i.ri2)))),
  llhrl: (c, i) => c.setLo(i.r1, c.mem.read16(relAddr(c, i, i.ri2))),
  llghrl: (c, i) => c.set64(i.r1, 0, c.mem.read16(relAddr(c, i, i.ri2))),
  strl: (c, i) => c.mem.write32(relAddr(c, i, i.ri2), c.lo(i.r1)),
  stgrl: (c, i) => c.mem.write64(relAddr(c, i, i.ri2), c.hi(i.r1), c.lo(i.r1)),
  sthrl: (c, i) => c.mem.write16(relAddr(c, i, i.ri2), c.lo(i.r1)),

  st: (c, i) => c.mem.write32(eaRX(c, i), c.lo(i.r1)),
  sty: (c, i) => c.mem.write32(eaRX(c, i), c.lo(i.r1)),
  stg: (c, i) => c.mem.write64(eaRX(c, i), c.hi(i.r1), c.lo(i.r1)),
  sth: (c, i) => c.mem.write16(eaRX(c, i), c.lo(i.r1)),
  sthy: (c, i) => c.mem.write16(eaRX(c, i), c.lo(i.r1)),
  stc: (c, i) => c.mem.write8(eaRX(c, i), c.lo(i.r1)),
  stcy: (c, i) => c.mem.write8(eaRX(c, i), c.lo(i.r1)),
  mvi: (c, i) => c.mem.write8(eaSI(c, i), i.i2),
  mviy: (c, i) => c.mem.write8(eaSI(c, i), i.i2),
  mvhhi: (c, i) => c.mem.write16(eaSI(c, i), i.i2),
  mvhi: (c, i) => c.mem.write32(eaSI(c, i), s16(i.i2)),
  mvghi: (c, i) => { const v = s16(i.i2); c.mem.write64(eaSI(c, i), v >> 31, v); },

  lm: (c, i) => loadMultiple(c, i, 4, false),
  lmy: (c, i) => loadMultiple(c, i, 4, false),
  lmh: (c, i) => loadMultiple(c, i, 4, true),
  lmg: (c, i) => loadMultiple(c, i, 8, false),
  stm: (c, i) => storeMultiple(c, i, 4, false),
  stmy: (c, i) => storeMultiple(c, i, 4, false),
  stmh: (c, i) => storeMultiple(c, i, 4, true),
  stmg: (c, i) => storeMultiple(c, i, 8, false),

  ic: (c, i) => c.setLo(i.r1, (c.lo(i.r1) & ~0xff) | c.mem.read8(eaRX(c, i))),
  icy: (c, i) => c.setLo(i.r1, (c.lo(i.r1) & ~0xff) | c.mem.read8(eaRX(c, i))),
  icm: (c, i) => insertChars(c, i, false),
  icmy: (c, i) => insertChars(c, i, false),
  icmh: (c, i) => insertChars(c, i, true),
  stcm: (c, i) => storeChars(c, i, false),
  stcmy: (c, i) => storeChars(c, i, false),
  stcmh: (c, i) => storeChars(c, i, true),

  lrvr: (c, i) => c.setLo(i.r1, bswap32(c.lo(i.r2))),
  lrvgr: (c, i) => c.set64(i.r1, bswap32(c.lo(i.r2)), bswap32(c.hi(i.r2))),
  lrv: (c, i) => c.setLo(i.r1, bswap32(memS32(c, i))),
  lrvg: (c, i) => { mem64(c, i); c.set64(i.r1, bswap32(c.mem.lo), bswap32(c.mem.hi)); },
  lrvh: (c, i) => c.setLo(i.r1, (c.lo(i.r1) & ~0xffff) | bswap16(c.mem.read16(eaRX(c, i)))),
  strv: (c, i) => c.mem.write32(eaRX(c, i), bswap32(c.lo(i.r1))),
  strvg: (c, i) => c.mem.write64(eaRX(c, i), bswap32(c.lo(i.r1)), bswap32(c.hi(i.r1))),
  strvh: (c, i) => c.mem.write16(eaRX(c, i), bswap16(c.lo(i.r1))),

  ear: (c, i) => c.setLo(i.r1, c.ar(i.r2)),
  sar: (c, i) => c.setAr(i.r1, c.lo(i.r2)),
  lam: (c, i) => {
    const n = regCount(i.r1, i.r3);
    let a = accessRegisterOperand(c, i);
    checkOperand(c, a, n * 4);
    for (let k = 0, r = i.r1; k < n; k++, r = (r + 1) & 15, a = c.addAddr(a, 4)) c.setAr(r, c.mem.readS32(a));
  },
  lamy: (c, i) => loadOps.lam(c, i),
  stam: (c, i) => {
    const n = regCount(i.r1, i.r3);
    let a = accessRegisterOperand(c, i);
    checkOperand(c, a, n * 4);
    for (let k = 0, r = i.r1; k < n; k++, r = (r + 1) & 15, a = c.addAddr(a, 4)) c.mem.write32(a, c.ar(r));
  },
  stamy: (c, i) => loadOps.stam(c, i),
};
