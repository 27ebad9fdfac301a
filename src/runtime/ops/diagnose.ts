// DIAGNOSE (83): the hypervisor calls Linux makes on this machine. 0x44 (voluntary time-slice
// end) and 0x9c (directed yield) have nothing to yield to; 0x308 is IPL: set and store the IPL
// parameter block, and the resets, which here end the run. On a PV-capable machine 0x308 also
// sets and stores the PV IPIB (8, 9) and asks the Ultravisor to unpack the image and start it in
// secure mode (10); a secure guest's resets keep (0, 1) or end (3, 4) secure mode. Any other
// code is a specification exception, which is what a guest sees from a hypervisor that does not
// implement it.
import type { Insn } from '../../decoder/insn.js';
import { StopRequest, type Cpu } from '../../interp/cpu.js';
import { Diag308Rc } from '../../uv/ultravisor.js';
import { Pic, ProgramException } from '../interruption.js';
import type { Machine } from '../machine.js';

export const enum Diag308 {
  ClearReset = 0,
  LoadNormalReset = 1,
  LoadClear = 3,
  LoadNormalDump = 4,
  Set = 5,
  Store = 6,
  SetPv = 8,
  StorePv = 9,
  UnpackPv = 10,
}

/** The IPL parameter block is at most one page. */
const IPIB_MAX = 4096;
/** The CPU now runs the unpacked image: end the slice so nothing of the old one is reused. */
const RESTART = new StopRequest({ kind: 'halt' });

/** The absolute address of the IPIB in R1, which must be even and name a page. */
function ipibAddress(m: Machine, c: Cpu, i: Insn): number {
  if ((i.r1 & 1) !== 0) throw new ProgramException(Pic.Specification);
  const real = Number(c.getR(i.r1));
  if ((real & 0xfff) !== 0) throw new ProgramException(Pic.Specification);
  return m.mmu.realToAbsolute(real);
}

function unpack(m: Machine, c: Cpu, i: Insn): void {
  const uv = m.uv!;
  if (uv.pvIpib === null) {
    c.setLo(i.r1 + 1, Diag308Rc.NoPvConfig);
    return;
  }
  const psw = uv.unpack();
  if (psw === null) {
    c.setLo(i.r1 + 1, Diag308Rc.InvalidForPv);
    return;
  }
  // Subsystem reset and a CPU reset: nothing pending survives into the secure guest.
  m.sclp.reset();
  m.emergencySignal = m.externalCall = m.restartPending = false;
  const mask = psw.mask;
  m.start(Number(mask >> 32n), Number(mask & 0xffffffffn), Number(psw.addr));
  throw RESTART;
}

function diag308(m: Machine, c: Cpu, i: Insn): void {
  const subcode = c.lo(i.r3);
  const uv = m.uv;
  // Subcodes 8 and up belong to the secure-execution unpack facility (161).
  if (subcode >= Diag308.SetPv && uv === null) throw new ProgramException(Pic.Specification);
  switch (subcode) {
    case Diag308.ClearReset:
    case Diag308.LoadNormalReset:
    case Diag308.LoadClear:
    case Diag308.LoadNormalDump:
      if (subcode === Diag308.ClearReset || subcode === Diag308.LoadNormalReset) uv?.prepareReset();
      else uv?.destroy();
      m.reipl = true;
      m.stopped = true;
      return;
    case Diag308.Set:
    case Diag308.SetPv: {
      const abs = ipibAddress(m, c, i);
      const len = c.storage.read32(abs);
      if (subcode === Diag308.SetPv) {
        c.setLo(i.r1 + 1, len > IPIB_MAX ? Diag308Rc.Invalid : uv!.setPvIpib(c.storage.readBytes(abs, len)));
        return;
      }
      if (len > IPIB_MAX) throw new ProgramException(Pic.Specification);
      m.ipib = c.storage.readBytes(abs, len);
      c.setLo(i.r1 + 1, Diag308Rc.Ok);
      return;
    }
    case Diag308.Store:
    case Diag308.StorePv: {
      const abs = ipibAddress(m, c, i);
      const ipib = subcode === Diag308.Store ? m.ipib : uv!.pvIpib;
      if (ipib === null) c.setLo(i.r1 + 1, Diag308Rc.NoConfig);
      else {
        c.storage.writeBytes(abs, ipib);
        c.setLo(i.r1 + 1, Diag308Rc.Ok);
      }
      return;
    }
    case Diag308.UnpackPv:
      unpack(m, c, i);
      return;
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
