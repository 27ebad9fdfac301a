// Instructions that reach the machine rather than the CPU: SERVICE CALL (the SCLP), SIGNAL
// PROCESSOR, DIAGNOSE, machine identification (STIDP, STAP, STSI, STFL) and the channel
// subsystem's I/O instructions, which answer for a subsystem with no devices yet.
import type { Insn } from '../../decoder/insn.js';
import { StopRequest, type Cpu } from '../../interp/cpu.js';
import type { HandlerTable } from '../../interp/registry.js';
import { eaRS } from '../../interp/ops/operand.js';
import { regAddr } from '../../interp/ops/regaddr.js';
import { Pic, ProgramException } from '../interruption.js';
import { LC_STFL_FAC_LIST } from '../lowcore.js';
import { executeStsi, stidp } from '../machine-id.js';
import type { Machine } from '../machine.js';
import * as S from '../state.js';
import { diagnose } from './diagnose.js';
import { signalProcessor } from './sigp.js';

const W_PREFIX = S.PREFIX >> 2;
const STOP = new StopRequest({ kind: 'halt' });

function sys(c: Cpu): Machine {
  return c.sys!;
}

/** The real-storage view TPI stores its interruption code through. */
function realMemory(c: Cpu): { writeBytes(a: number, b: Uint8Array): void } {
  return { writeBytes: (a, b) => c.storage.writeBytes(sys(c).mmu.realToAbsolute(a), b) };
}

/** Ends the slice after an instruction that made an interruption pending, so the machine
 *  takes it right after it if it is enabled (Machine.interruptionPending). */
function endIfMadePending(m: Machine): void {
  if (m.interruptionPending()) throw STOP;
}

function ioOp(name: 'stsch' | 'msch' | 'ssch' | 'tsch') {
  return (c: Cpu, i: Insn): void => {
    c.cc = sys(c).css[name](c.lo(1), eaRS(c, i), c.mem);
    endIfMadePending(sys(c));
  };
}

function sidOp(name: 'csch' | 'hsch' | 'rsch' | 'xsch' | 'rchp') {
  return (c: Cpu): void => {
    c.cc = sys(c).css[name](c.lo(1));
    endIfMadePending(sys(c));
  };
}

export const serviceOps: HandlerTable = {
  servc: (c, i) => {
    const m = sys(c);
    const sccb = regAddr(c, i.r2);
    c.cc = m.sclp.serviceCall(c.lo(i.r1) >>> 0, m.mmu.realToAbsolute(sccb), c.u[W_PREFIX]);
    endIfMadePending(m);
  },
  sigp: (c, i) => {
    const m = sys(c);
    const r = signalProcessor(m, eaRS(c, i) & 0xff, c.lo(i.r3) & 0xffff);
    if (r.status !== undefined) c.setLo(i.r1, r.status);
    c.cc = r.cc;
    if (m.stopped || m.restartPending) throw STOP;
    endIfMadePending(m);
  },
  diag: (c, i) => {
    diagnose(sys(c), c, i, eaRS(c, i) & 0xffff);
    if (sys(c).stopped) throw STOP;
  },
  stidp: (c, i) => {
    const a = eaRS(c, i);
    if ((a & 7) !== 0) throw new ProgramException(Pic.Specification);
    const [hi, lo] = stidp(sys(c).cpuAddress);
    c.mem.write64(a, hi, lo);
  },
  stap: (c, i) => {
    const a = eaRS(c, i);
    if ((a & 1) !== 0) throw new ProgramException(Pic.Specification);
    c.mem.write16(a, sys(c).cpuAddress);
  },
  stsi: (c, i) => {
    const m = sys(c);
    const r = executeStsi(c.lo(0) >>> 0, c.lo(1) >>> 0, eaRS(c, i), m.cpuAddress,
      { cpus: 1, machineName: m.options.machineName }, c.mem);
    c.setLo(0, r.gr0);
    c.cc = r.cc;
  },
  stfl: (c) => c.storage.write32(sys(c).mmu.realToAbsolute(LC_STFL_FAC_LIST), c.facilityList[0]),
  stsch: ioOp('stsch'),
  msch: ioOp('msch'),
  ssch: ioOp('ssch'),
  tsch: ioOp('tsch'),
  csch: sidOp('csch'),
  hsch: sidOp('hsch'),
  rsch: sidOp('rsch'),
  xsch: sidOp('xsch'),
  rchp: sidOp('rchp'),
  sal: (c) => sys(c).css.sal(c.lo(1)),
  schm: (c) => sys(c).css.schm(c.lo(1), c.getR(2)),
  tpi: (c, i) => {
    c.cc = sys(c).css.tpi(eaRS(c, i), c.crLo(6), c.mem, realMemory(c));
  },
  stcrw: (c, i) => {
    c.cc = sys(c).css.stcrw(eaRS(c, i), c.mem);
  },
  chsc: (c, i) => {
    c.cc = sys(c).css.chsc(regAddr(c, i.r1), c.mem);
  },
};
