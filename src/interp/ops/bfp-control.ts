// Floating-point-control register instructions: SET FPC, SET FPC AND SIGNAL, EXTRACT FPC, LOAD
// FPC, STORE FPC, and the SET ROUNDING MODE family.
import type { Cpu } from '../cpu.js';
import type { HandlerTable } from '../registry.js';
import { specification } from './bfp-support.js';
import { eaRS } from './operand.js';

/** FPC bits that must be zero: mask bits 6-7, flag bits 14-15, bits 24 and 28. */
const FPC_RESERVED = 0x03030088;

/** A new FPC value with reserved bits set or a BFP rounding mode of 4-6 is a specification
 *  exception. */
function checkFpc(v: number): void {
  const rm = v & 7;
  if ((v & FPC_RESERVED) !== 0 || (rm >= 4 && rm <= 6)) specification();
}

function setFpc(c: Cpu, v: number): void {
  checkFpc(v);
  c.fpc = v >>> 0;
}

/** SET FPC AND SIGNAL: the new FPC keeps the old flags (ORed in); a flag whose new mask is on
 *  then raises a simulated IEEE exception, whose DXC ends in 3. */
function setFpcAndSignal(c: Cpu, v: number): void {
  checkFpc(v);
  const old = c.fpc;
  c.fpc = (v | (old & 0x00ff0000)) >>> 0;
  const hit = ((old >>> 16) & (v >>> 24)) & 0xfc;
  if (hit === 0) return;
  let dxc: number;
  if ((hit & 0x80) !== 0) dxc = 0x80;
  else if ((hit & 0x40) !== 0) dxc = 0x40;
  else if ((hit & 0x20) !== 0) dxc = hit & 0x28;
  else if ((hit & 0x10) !== 0) dxc = hit & 0x18;
  else if ((hit & 0x08) !== 0) dxc = 0x08;
  else dxc = 0x04;
  c.dataException(dxc | 3);
}

/** Replaces the `width` FPC bits that end `shift` bits from the right (bit 31 is rightmost). */
function setRounding(c: Cpu, value: number, shift: number, width: number): void {
  const mask = ((1 << width) - 1) << shift;
  c.fpc = ((c.fpc & ~mask) | ((value << shift) & mask)) >>> 0;
}

export const bfpControlOps: HandlerTable = {
  sfpc: (c, i) => setFpc(c, c.lo(i.r1)),
  sfasr: (c, i) => setFpcAndSignal(c, c.lo(i.r1)),
  efpc: (c, i) => c.setLo(i.r1, c.fpc),
  lfpc: (c, i) => setFpc(c, c.mem.read32(eaRS(c, i))),
  lfas: (c, i) => setFpcAndSignal(c, c.mem.read32(eaRS(c, i))),
  stfpc: (c, i) => c.mem.write32(eaRS(c, i), c.fpc),
  // SET BFP ROUNDING MODE (2-bit) sets FPC bits 30-31 from address bits 62-63 and clears bit 29.
  srnm: (c, i) => setRounding(c, eaRS(c, i) & 3, 0, 3),
  // SET BFP ROUNDING MODE (3-bit): address bits 56-60 must be zeros.
  srnmb: (c, i) => {
    const a = eaRS(c, i);
    const rm = a & 7;
    if ((a & 0xf8) !== 0 || (rm >= 4 && rm <= 6)) specification();
    setRounding(c, rm, 0, 3);
  },
  // SET DFP ROUNDING MODE: address bits 61-63 into FPC bits 25-27.
  srnmt: (c, i) => setRounding(c, eaRS(c, i) & 7, 4, 3),
};
