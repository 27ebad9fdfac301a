// EXECUTE and EXECUTE RELATIVE LONG: run the target instruction with bits 8-15 ORed with
// bits 56-63 of R1. The PSW already designates the instruction after EXECUTE, which is where
// a non-branching target continues and what a target's linkage saves.
import type { Insn } from '../../decoder/insn.js';
import { Pic, ProgramException } from '../../runtime/interruption.js';
import type { Cpu } from '../cpu.js';
import type { HandlerTable } from '../registry.js';
import { eaRX, relAddr } from './operand.js';

function execute(c: Cpu, i: Insn, target: number): void {
  if ((target & 1) !== 0) throw new ProgramException(Pic.Specification);
  const t = c.cache.executeTarget(target, i.r1 === 0 ? 0 : c.lo(i.r1) & 0xff);
  const m = t.insn.def.mnemonic;
  if (m === 'ex' || m === 'exrl') throw new ProgramException(Pic.Execute);
  t.exec(c, t.insn);
}

export const executeOps: HandlerTable = {
  ex: (c, i) => execute(c, i, eaRX(c, i)),
  exrl: (c, i) => execute(c, i, relAddr(c, i, i.ri2)),
};
