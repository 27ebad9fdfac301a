// COMPARE AND SWAP AND STORE (facilities 32 and 33, in the z10 architecture level set): compare
// and swap 4, 8 or 16 bytes at the first operand and, only when that succeeded, store 1 to 16
// bytes from the parameter list (GR1) at the second operand. GR0 bits 56-63 are the function
// code (operand size 4 << fc), bits 48-55 the store characteristic (store size 1 << sc).
import type { Insn } from '../../decoder/insn.js';
import { Pic, ProgramException } from '../../runtime/interruption.js';
import type { Cpu } from '../cpu.js';
import type { HandlerTable } from '../registry.js';
import { regAddr } from './regaddr.js';

function specification(): never {
  throw new ProgramException(Pic.Specification);
}

function csst(c: Cpu, i: Insn): void {
  const fc = c.lo(0) & 0xff, sc = (c.lo(0) >>> 8) & 0xff;
  if (fc > 2 || sc > 4 || (fc === 2 && (i.r3 & 1) !== 0)) specification();
  const a1 = c.ea(0, i.b1, i.d1), a2 = c.ea(0, i.b2, i.d2);
  const pl = regAddr(c, 1) - (c.lo(1) & 0xf);
  if ((a1 & ((4 << fc) - 1)) !== 0 || (a2 & ((1 << sc) - 1)) !== 0) specification();
  const m = c.mem;
  // All fetches come before any store: the replacement value and the store value.
  const store = m.readBytes(pl + 16, 16);
  const words = fc === 0 ? 1 : fc === 1 ? 2 : 4;
  const nv: number[] = [];
  for (let k = 0; k < words; k++) nv.push(m.readS32(pl + 4 * k));
  const cur: number[] = [];
  for (let k = 0; k < words; k++) cur.push(m.readS32(a1 + 4 * k));
  // The compare value: R3 bits 32-63 (fc 0), R3 (fc 1), the even-odd pair R3, R3+1 (fc 2).
  const cv = fc === 0 ? [c.lo(i.r3)] : fc === 1 ? [c.hi(i.r3), c.lo(i.r3)]
    : [c.hi(i.r3), c.lo(i.r3), c.hi(i.r3 + 1), c.lo(i.r3 + 1)];
  const equal = cur.every((v, k) => v === cv[k]);
  if (equal) {
    m.check(a2, 1 << sc);
    for (let k = 0; k < words; k++) m.write32(a1 + 4 * k, nv[k]);
    m.writeBytes(a2, store.subarray(0, 1 << sc));
    c.cc = 0;
    return;
  }
  if (fc === 0) c.setLo(i.r3, cur[0]);
  else if (fc === 1) c.set64(i.r3, cur[0], cur[1]);
  else {
    c.set64(i.r3, cur[0], cur[1]);
    c.set64(i.r3 + 1, cur[2], cur[3]);
  }
  c.cc = 1;
}

export const csstOps: HandlerTable = { csst };
