// DIAGNOSE (83): the hypervisor calls Linux makes on this machine. 0x44 (voluntary time-slice
// end) and 0x9c (directed yield) have nothing to yield to; 0x308 is IPL: set and store the IPL
// parameter block, and the resets, which here end the run. Any other code is a specification
// exception, which is what a guest sees from a hypervisor that does not implement it.
import type { Insn } from '../../decoder/insn.js';
import type { Cpu } from '../../interp/cpu.js';
import { Pic, ProgramException } from '../interruption.js';
import type { Machine } from '../machine.js';

export const enum Diag308 {
  ClearReset = 0,
  LoadNormalReset = 1,
  LoadClear = 3,
  LoadNormalDump = 4,
  Set = 5,
  Store = 6,
}

const RC_OK = 0x0001;
const RC_NO_CONFIG = 0x0102;
/** The IPL parameter block is at most one page. */
const IPIB_MAX = 4096;

function diag308(m: Machine, c: Cpu, i: Insn): void {
  const subcode = c.lo(i.r3);
  switch (subcode) {
    case Diag308.ClearReset:
    case Diag308.LoadNormalReset:
    case Diag308.LoadClear:
    case Diag308.LoadNormalDump:
      m.reipl = true;
      m.stopped = true;
      return;
    case Diag308.Set:
    case Diag308.Store: {
      if ((i.r1 & 1) !== 0) throw new ProgramException(Pic.Specification);
      const addr = c.getR(i.r1);
      const real = Number(addr);
      if ((real & 0xfff) !== 0) throw new ProgramException(Pic.Specification);
      const abs = m.mmu.realToAbsolute(real);
      if (subcode === Diag308.Set) {
        const len = c.storage.read32(abs);
        if (len > IPIB_MAX) throw new ProgramException(Pic.Specification);
        m.ipib = c.storage.readBytes(abs, len);
        c.setLo(i.r1 + 1, RC_OK);
      } else if (m.ipib === null) c.setLo(i.r1 + 1, RC_NO_CONFIG);
      else {
        c.storage.writeBytes(abs, m.ipib);
        c.setLo(i.r1 + 1, RC_OK);
      }
      return;
    }
    default:
      throw new ProgramException(Pic.Specification);
  }
}

export function diagnose(m: Machine, c: Cpu, i: Insn, code: number): void {
  switch (code) {
    case 0x44:
    case 0x9c:
      return;
    case 0x308:
      diag308(m, c, i);
      return;
    default:
      throw new ProgramException(Pic.Specification);
  }
}
