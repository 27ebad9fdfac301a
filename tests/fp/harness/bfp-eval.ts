// Replays one oracle line on the interpreter: the operands go into FPRs or GPRs of a Cpu, the
// instruction's handler runs, and the result, CC and FPC come back in the oracle's notation.
import { Insn, type InsnDef } from '../../../src/decoder/insn.js';
import { Cpu } from '../../../src/interp/cpu.js';
import { floatingPointTables } from '../../../src/interp/ops/bfp-index.js';
import type { Handler } from '../../../src/interp/registry.js';
import { Pic, ProgramException } from '../../../src/runtime/interruption.js';
import { createStateMemory } from '../../../src/runtime/state.js';
import type { OpSpec } from '../../../tools/bfp-ops.js';
import type { Outcome } from '../../../tools/qemu-deviations.js';

const WORDS = [1, 2, 4];
const handlers = new Map<string, Handler>(floatingPointTables.flatMap((t) => Object.entries(t)));
const cpu = new Cpu(createStateMemory(1 << 16), () => undefined);

// Registers: op1 in FPR 0 (pair 0/2), op3 in FPR 1, op2 in FPR 4 (pair 4/6); integer results
// in GPR 1, integer sources in GPR 2; TEST DATA CLASS takes its mask from GPR 3 as base.
const R1 = 0, R2 = 4, R3 = 1, GR1 = 1, GR2 = 2, BASE = 3;

function words(hex: string): number[] {
  return Array.from({ length: hex.length / 8 }, (_, k) => parseInt(hex.slice(8 * k, 8 * k + 8), 16));
}

function hex(ws: readonly number[]): string {
  return ws.map((w) => (w >>> 0).toString(16).padStart(8, '0')).join('');
}

function setFpr(r: number, ws: readonly number[]): void {
  cpu.setFpr(r, ws[0]!, ws[1] ?? 0);
  if (ws.length === 4) cpu.setFpr(r + 2, ws[2]!, ws[3]!);
}

function getFpr(r: number, n: number): number[] {
  const all = [cpu.fprHi(r), cpu.fprLo(r), cpu.fprHi(r + 2), cpu.fprLo(r + 2)];
  return all.slice(0, n);
}

function insnFor(spec: OpSpec, m3: number, m4: number): Insn {
  const def = { mnemonic: spec.mn } as InsnDef;
  const i = new Insn(def, 0, 0, 0);
  i.r1 = spec.kind === 'toint' ? GR1 : R1;
  i.r2 = spec.kind === 'fromint' ? GR2 : R2;
  i.r3 = R3;
  if (spec.kind === 'tc') i.b2 = BASE; else { i.m3 = m3; i.m4 = m4; }
  return i;
}

function snapshot(spec: OpSpec): string {
  return spec.kind === 'toint' ? hex([cpu.hi(GR1), cpu.lo(GR1)]) : hex(getFpr(R1, 4));
}

/** Runs `mn fpcMode m3 m4 operands...` with the FPC mask byte `masks`. A data exception comes
 *  back as result 'trap' with the DXC in place of the FPC; one that suppresses the operation
 *  (invalid, divide by zero) must also have left the target unchanged. */
export function evaluate(spec: OpSpec, mode: number, m3: number, m4: number, operands: readonly string[], masks = 0): Outcome {
  const handler = handlers.get(spec.mn);
  if (!handler) throw new Error(`no handler for ${spec.mn}`);
  cpu.fpc = (mode | (masks << 24)) >>> 0;
  cpu.cc = 0;
  const ops = operands.map(words);
  switch (spec.kind) {
    case 'fromint': cpu.set64(GR2, ops[0]![0]!, ops[0]![1]!); break;
    case 'fma': setFpr(R1, ops[0]!); setFpr(R3, ops[1]!); setFpr(R2, ops[2]!); break;
    case 'bin': case 'mulx': case 'cmp': setFpr(R1, ops[0]!); setFpr(R2, ops[1]!); break;
    case 'tc': setFpr(R1, ops[0]!); cpu.set64(BASE, 0, m3); break;
    default: setFpr(R2, ops[0]!);
  }
  // Multiplying to a longer format must read only the shorter operand from op1's register(s).
  if (spec.kind === 'mulx') setFpr(R1, [...ops[0]!, 0x5a5a5a5a, 0x5a5a5a5a, 0x5a5a5a5a].slice(0, WORDS[spec.fout]));
  const before = snapshot(spec);
  try {
    handler(cpu, insnFor(spec, m3, m4));
  } catch (e) {
    if (!(e instanceof ProgramException) || e.code !== Pic.Data) throw e;
    const dxc = (cpu.fpc >>> 8) & 0xff;
    const suppressed = dxc === 0x80 || dxc === 0x40;
    if (suppressed && snapshot(spec) !== before) return { result: 'written', cc: '-', fpc: 'suppressing trap' };
    return { result: 'trap', cc: '-', fpc: dxc.toString(16).padStart(2, '0') };
  }
  let result: string;
  if (spec.kind === 'cmp' || spec.kind === 'tc') result = '-';
  else if (spec.kind === 'toint') result = spec.bits === 32 ? hex([cpu.lo(GR1)]) : hex([cpu.hi(GR1), cpu.lo(GR1)]);
  else result = hex(getFpr(R1, WORDS[spec.fout]!));
  return { result, cc: spec.setsCC ? String(cpu.cc) : '-', fpc: hex([cpu.fpc]) };
}
