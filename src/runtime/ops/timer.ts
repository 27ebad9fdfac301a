// Timing-facility instructions (PoP chapter 4): the clock comparator, the CPU timer, SET CLOCK
// and the TOD programmable register. STCK, STCKE and STCKF are problem-state and live with the
// interpreter; they read the same virtual clock through Cpu.tod.
import type { Insn } from '../../decoder/insn.js';
import type { Cpu } from '../../interp/cpu.js';
import type { HandlerTable } from '../../interp/registry.js';
import { eaRS } from '../../interp/ops/operand.js';
import { Pic, ProgramException } from '../interruption.js';
import * as S from '../state.js';

const W_TODPR = S.TODPR >> 2;

/** The doubleword operand at D2(B2), which must be on a doubleword boundary. */
function operand(c: Cpu, i: Insn): number {
  const a = eaRS(c, i);
  if ((a & 7) !== 0) throw new ProgramException(Pic.Specification);
  return a;
}

export const timerOps: HandlerTable = {
  sckc: (c, i) => {
    c.mem.read64(operand(c, i));
    c.sys!.clock.setComparator(c.mem.hi, c.mem.lo);
  },
  stckc: (c, i) => {
    const [hi, lo] = c.sys!.clock.comparatorWords();
    c.mem.write64(operand(c, i), hi, lo);
  },
  spt: (c, i) => {
    c.mem.read64(operand(c, i));
    c.sys!.clock.setCpuTimer(c.mem.hi, c.mem.lo);
  },
  stpt: (c, i) => {
    const [hi, lo] = c.sys!.clock.cpuTimer();
    c.mem.write64(operand(c, i), hi, lo);
  },
  sck: (c, i) => {
    c.mem.read64(operand(c, i));
    c.sys!.clock.setTod(c.mem.hi, c.mem.lo);
    c.cc = 0;
  },
  sckpf: (c) => {
    if ((c.lo(0) & 0xffff0000) !== 0) throw new ProgramException(Pic.Specification);
    c.u[W_TODPR] = c.lo(0) & 0xffff;
  },
};
