// Control instructions that change the PSW, the control registers and the prefix (PoP chapter
// 10): LPSW(E), SSM, STNSM, STOSM, LCTL(G), STCTL(G), SPX, STPX, SPKA, IPK, SACF, IAC.
import type { Insn } from '../../decoder/insn.js';
import { PSW0_WAIT, StopRequest, type Cpu } from '../../interp/cpu.js';
import type { HandlerTable } from '../../interp/registry.js';
import { eaRS, eaSI } from '../../interp/ops/operand.js';
import { Pic, ProgramException } from '../interruption.js';
import * as S from '../state.js';

/** Ends the slice after the instruction: the machine then looks at the PSW (a wait) and at
 *  the interruptions it now enables. */
const HALT = new StopRequest({ kind: 'halt' });

/** An instruction that may have enabled a pending interruption ends the slice when one is
 *  pending (Cpu.interruptMasked), so it is taken right after that instruction. */
function endIfPending(c: Cpu): void {
  if (c.interruptMasked) throw HALT;
}

function aligned(a: number, n: number): number {
  if ((a & (n - 1)) !== 0) throw new ProgramException(Pic.Specification);
  return a;
}

/** Loads a PSW; a wait PSW ends the slice so the machine can wait. */
function loadPsw(c: Cpu, mask0: number, mask1: number, iaHi: number, iaLo: number): void {
  // Bit 12 must be zero in a z/Architecture PSW; EA without BA is invalid.
  if ((mask0 & 0x00080000) !== 0 || ((mask0 & 1) !== 0 && (mask1 & 0x80000000) === 0)) {
    throw new ProgramException(Pic.Specification);
  }
  c.setPswMask(mask0 >>> 0, mask1 >>> 0);
  c.setIa(iaHi >>> 0, iaLo >>> 0);
  if ((mask0 & PSW0_WAIT) !== 0) throw HALT;
  endIfPending(c);
}

function lpswe(c: Cpu, i: Insn): void {
  const a = aligned(eaRS(c, i), 8);
  c.mem.check(a, 16);
  c.mem.read64(a);
  const m0 = c.mem.hi, m1 = c.mem.lo;
  c.mem.read64(a + 8);
  loadPsw(c, m0, m1, c.mem.hi, c.mem.lo);
}

/** LOAD PSW takes the ESA/390 short form: bit 12 must be one, the address is 31 bits. */
function lpsw(c: Cpu, i: Insn): void {
  const a = aligned(eaRS(c, i), 8);
  c.mem.read64(a);
  const w0 = c.mem.hi, w1 = c.mem.lo;
  if ((w0 & 0x00080000) === 0) throw new ProgramException(Pic.Specification);
  loadPsw(c, w0 & ~0x00080000, w1 & 0x80000000, 0, w1 & 0x7fffffff);
}

function setSystemMask(c: Cpu, byte: number): void {
  c.setPswMask(((byte << 24) | (c.pswMask0WithCc() & 0x00ffffff)) >>> 0, c.pswMask1);
  endIfPending(c);
}

function loadControl(c: Cpu, i: Insn, wide: boolean): void {
  const a = aligned(eaRS(c, i), wide ? 8 : 4);
  const n = ((i.r3 - i.r1) & 15) + 1;
  c.mem.check(a, n * (wide ? 8 : 4));
  for (let k = 0; k < n; k++) {
    const r = (i.r1 + k) & 15;
    if (wide) {
      c.mem.read64(a + 8 * k);
      c.setCr(r, c.mem.hi, c.mem.lo);
    } else c.setCr(r, c.crHi(r), c.mem.readS32(a + 4 * k));
  }
  c.mmu!.reload();
  endIfPending(c);
}

function storeControl(c: Cpu, i: Insn, wide: boolean): void {
  const a = aligned(eaRS(c, i), wide ? 8 : 4);
  const n = ((i.r3 - i.r1) & 15) + 1;
  c.mem.check(a, n * (wide ? 8 : 4));
  for (let k = 0; k < n; k++) {
    const r = (i.r1 + k) & 15;
    if (wide) c.mem.write64(a + 8 * k, c.crHi(r), c.crLo(r));
    else c.mem.write32(a + 4 * k, c.crLo(r));
  }
}

const W_PREFIX = S.PREFIX >> 2;

/** SET ADDRESS SPACE CONTROL: operand bits 52-55 0 primary, 1 secondary, 2 AR, 3 home. */
const ASC_OF_SACF = [0, 2, 1, 3];

export const controlOps: HandlerTable = {
  lpsw,
  lpswe,
  ssm: (c, i) => setSystemMask(c, c.mem.read8(eaRS(c, i))),
  stnsm: (c, i) => {
    const m0 = c.pswMask0WithCc();
    c.mem.write8(eaSI(c, i), m0 >>> 24);
    setSystemMask(c, (m0 >>> 24) & i.i2);
  },
  stosm: (c, i) => {
    const m0 = c.pswMask0WithCc();
    c.mem.write8(eaSI(c, i), m0 >>> 24);
    setSystemMask(c, (m0 >>> 24) | i.i2);
  },
  lctl: (c, i) => loadControl(c, i, false),
  lctlg: (c, i) => loadControl(c, i, true),
  stctl: (c, i) => storeControl(c, i, false),
  stctg: (c, i) => storeControl(c, i, true),
  spx: (c, i) => {
    const v = c.mem.readS32(aligned(eaRS(c, i), 4)) & 0x7fffe000;
    if (v >= c.storage.size) throw new ProgramException(Pic.Addressing);
    c.u[W_PREFIX] = v;
    c.mmu!.reload();
  },
  stpx: (c, i) => c.mem.write32(aligned(eaRS(c, i), 4), c.u[W_PREFIX]),
  spka: (c, i) => {
    const key = (eaRS(c, i) >>> 4) & 0xf;
    c.setPswMask(((c.pswMask0WithCc() & ~0x00f00000) | (key << 20)) >>> 0, c.pswMask1);
  },
  ipk: (c) => c.setLo(2, (c.lo(2) & ~0xff) | (((c.pswMask0 >>> 20) & 0xf) << 4)),
  sacf: (c, i) => {
    const code = (eaRS(c, i) >>> 8) & 0xf;
    if (code > 3) throw new ProgramException(Pic.Specification);
    c.setPswMask(((c.pswMask0WithCc() & ~0xc000) | (ASC_OF_SACF[code] << 14)) >>> 0, c.pswMask1);
  },
  iac: (c, i) => {
    const asc = (c.pswMask0 >>> 14) & 3;
    c.setLo(i.r1, (c.lo(i.r1) & ~0xff00) | (asc << 8));
    c.cc = ASC_OF_SACF[asc];
  },
};
