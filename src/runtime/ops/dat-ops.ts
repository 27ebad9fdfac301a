// Storage-key, translation and TLB instructions (PoP chapter 10): SSKE, ISKE, IVSK, RRBE, IPTE,
// IDTE, CSP(G), PTLB, LRA(G), MVCOS, STURA/STURG, LURA/LURAG. Every change to a translation
// table through these, or to a key, purges the TLB; Linux never relies on a stale entry.
import type { Insn } from '../../decoder/insn.js';
import type { Cpu } from '../../interp/cpu.js';
import type { HandlerTable } from '../../interp/registry.js';
import { eaRX } from '../../interp/ops/operand.js';
import { regAddr } from '../../interp/ops/regaddr.js';
import { AccessException, Pic, ProgramException } from '../interruption.js';
import type { Asc } from '../mmu.js';
import { KEY_CHANGE, KEY_REF } from '../storage-keys.js';

const TWO32 = 4294967296;

function block(c: Cpu, r: number): number {
  const abs = c.sys!.mmu.realToAbsolute(regAddr(c, r));
  if (abs >= c.storage.size) throw new ProgramException(Pic.Addressing);
  return Math.floor(abs / 4096);
}

/** Entry I bit of region and segment table entries (bit 58) and of page-table entries (bit 53). */
const CRST_INVALID = 0x20;
const PTE_INVALID = 0x400;

function invalidateEntry(c: Cpu, real: number, bit: number): void {
  const st = c.storage;
  const abs = c.sys!.mmu.realToAbsolute(real);
  st.read64(abs);
  st.write64(abs, st.hi, st.lo | bit);
}

function ipte(c: Cpu, i: Insn): void {
  // R1: page-table origin (bits 0-52); R2 bits 44-51: the page index.
  const pto = (c.hi(i.r1) >>> 0) * TWO32 + ((c.lo(i.r1) & ~0x7ff) >>> 0);
  // The IPTE-range facility (13) is not installed, so R3 is ignored.
  const px = (c.lo(i.r2) >>> 12) & 0xff;
  invalidateEntry(c, pto + px * 8, PTE_INVALID);
  c.sys!.mmu.purge();
}

/** IDTE with R2 bit 52 off invalidates region or segment entries (R1: table origin and type,
 *  R2: the index bits of that level and the count of additional entries); either way the
 *  translations go. */
function idte(c: Cpu, i: Insn): void {
  const lo2 = c.lo(i.r2), hi2 = c.hi(i.r2) >>> 0;
  if ((lo2 & 0x800) === 0) {
    const tt = (c.lo(i.r1) >>> 2) & 3;
    const origin = (c.hi(i.r1) >>> 0) * TWO32 + ((c.lo(i.r1) & ~0xfff) >>> 0);
    const index = tt === 3 ? hi2 >>> 21 : tt === 2 ? (hi2 >>> 10) & 0x7ff
      : tt === 1 ? ((hi2 & 0x3ff) << 1) | (lo2 >>> 31) : (lo2 >>> 20) & 0x7ff;
    const count = lo2 & 0x7ff;
    for (let k = 0; k <= count && index + k < 2048; k++) invalidateEntry(c, origin + (index + k) * 8, CRST_INVALID);
  }
  c.sys!.mmu.purge();
}

/** COMPARE AND SWAP AND PURGE: R1 pair (compare, replace), R2 the real address; R2 bit 63
 *  asks for the TLB purge when the swap happens. */
function csp(c: Cpu, i: Insn, wide: boolean): void {
  if ((i.r1 & 1) !== 0) throw new ProgramException(Pic.Specification);
  const real = regAddr(c, i.r2) - (c.lo(i.r2) & (wide ? 7 : 3));
  const abs = c.sys!.mmu.realToAbsolute(real);
  const st = c.storage;
  let equal: boolean;
  if (wide) {
    st.read64(abs);
    equal = st.hi === c.hi(i.r1) && st.lo === c.lo(i.r1);
    if (equal) st.write64(abs, c.hi(i.r1 + 1), c.lo(i.r1 + 1));
    else c.set64(i.r1, st.hi, st.lo);
  } else {
    const v = st.readS32(abs);
    equal = v === c.lo(i.r1);
    if (equal) st.write32(abs, c.lo(i.r1 + 1));
    else c.setLo(i.r1, v);
  }
  if (equal && (c.lo(i.r2) & 1) !== 0) c.sys!.mmu.purge();
  c.cc = equal ? 0 : 1;
}

function lra(c: Cpu, i: Insn, wide: boolean): void {
  const a = eaRX(c, i);
  try {
    const real = c.sys!.mmu.realAddress(a);
    if (wide || c.amode === 64) c.set64(i.r1, Math.floor(real / TWO32), real % TWO32);
    else c.setLo(i.r1, real);
    c.cc = 0;
  } catch (e) {
    if (!(e instanceof AccessException)) throw e;
    // The exception code with bit 32 on, as the PoP gives for a translation that cannot complete.
    c.setLo(i.r1, (0x80000000 | e.code) >>> 0);
    c.cc = 3;
  }
}

/** MOVE WITH OPTIONAL SPECIFICATIONS: GR0 bits 32-47 and 48-63 are the operand-access controls
 *  (key in bits 0-3, address-space control in 8-9, K-valid 14, A-valid 15) of operands 1 and 2. */
function mvcos(c: Cpu, i: Insn): void {
  const mmu = c.sys!.mmu;
  const dst = c.ea(0, i.b1, i.d1), src = c.ea(0, i.b2, i.d2);
  const oac = c.lo(0);
  const oac1 = oac >>> 16, oac2 = oac & 0xffff;
  const ascOf = (o: number): Asc => ((o & 1) !== 0 ? (o >>> 6) & 3 : mmu.operandAsc) as Asc;
  const keyOf = (o: number): number => ((o & 2) !== 0 ? o >>> 12 : mmu.pswKey);
  const len = c.amode === 64 ? (c.hi(i.r3) >>> 0) * TWO32 + (c.lo(i.r3) >>> 0) : c.lo(i.r3) >>> 0;
  const n = Math.min(len, 4096);
  mmu.moveAcross(dst, ascOf(oac1), keyOf(oac1), src, ascOf(oac2), keyOf(oac2), n);
  c.cc = len > 4096 ? 3 : 0;
}

export const datOps: HandlerTable = {
  sske: (c, i) => {
    c.sys!.keys.keys[block(c, i.r2)] = c.lo(i.r1) & 0xfe;
    c.sys!.mmu.purge();
  },
  iske: (c, i) => c.setLo(i.r1, (c.lo(i.r1) & ~0xff) | c.sys!.keys.keys[block(c, i.r2)]),
  ivsk: (c, i) => {
    const abs = c.sys!.mmu.translate(regAddr(c, i.r2), false);
    c.setLo(i.r1, (c.lo(i.r1) & ~0xff) | (c.sys!.keys.keys[Math.floor(abs / 4096)] & 0xf8));
  },
  rrbe: (c, i) => {
    const keys = c.sys!.keys.keys, b = block(c, i.r2);
    const k = keys[b];
    c.cc = ((k & KEY_REF) !== 0 ? 2 : 0) | ((k & KEY_CHANGE) !== 0 ? 1 : 0);
    keys[b] = k & ~KEY_REF;
    c.sys!.mmu.purge();
  },
  ipte,
  idte,
  csp: (c, i) => csp(c, i, false),
  cspg: (c, i) => csp(c, i, true),
  ptlb: (c) => c.sys!.mmu.purge(),
  lra: (c, i) => lra(c, i, false),
  lrag: (c, i) => lra(c, i, true),
  mvcos,
  stura: (c, i) => c.storage.write32(c.sys!.mmu.realToAbsolute(regAddr(c, i.r2)), c.lo(i.r1)),
  sturg: (c, i) => c.storage.write64(c.sys!.mmu.realToAbsolute(regAddr(c, i.r2)), c.hi(i.r1), c.lo(i.r1)),
  lura: (c, i) => c.setLo(i.r1, c.storage.readS32(c.sys!.mmu.realToAbsolute(regAddr(c, i.r2)))),
  lurag: (c, i) => {
    c.storage.read64(c.sys!.mmu.realToAbsolute(regAddr(c, i.r2)));
    c.set64(i.r1, c.storage.hi, c.storage.lo);
  },
};
