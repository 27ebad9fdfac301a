// The decimal instructions QEMU 7.2 implements (PACK, UNPK, PKA, UNPKA, TP, CVD) on generated
// fields under qemu-s390x and on the interpreter's handlers: both fields, GR1, the CC (where the
// instruction sets it) and any program interruption must agree. (QEMU 7.2 has no ED, EDMK,
// CVB, CVBG or CVDG, nor the decimal arithmetic instructions.)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Insn, type InsnDef } from '../../src/decoder/insn.js';
import { Cpu } from '../../src/interp/cpu.js';
import { decimalTables } from '../../src/interp/ops/decimal-index.js';
import type { Handler } from '../../src/interp/registry.js';
import { Pic, ProgramException } from '../../src/runtime/interruption.js';
import { createStateMemory } from '../../src/runtime/state.js';
import { buildProgram, runProgram } from './harness/cross.js';

const CASES = Number(process.env.FP_ORACLE_INPUTS ?? 300);
const SEED = process.env.FP_ORACLE_SEED ?? '20240601';
const F1 = 0x1000, F2 = 0x2000, B1 = 2, B2 = 3;
const SETS_CC = new Set(['unpka', 'tp']);
const handlers = new Map<string, Handler>(decimalTables.flatMap((t) => Object.entries(t)));
const cpu = new Cpu(createStateMemory(1 << 16), () => undefined);

function bytes(hex: string): number[] {
  return Array.from({ length: hex.length / 2 }, (_, k) => parseInt(hex.slice(2 * k, 2 * k + 2), 16));
}

function dump(a: number): string {
  let s = '';
  for (let k = 0; k < 32; k++) s += cpu.mem.read8(a + k).toString(16).padStart(2, '0');
  return s;
}

/** The signal Linux delivers for a program interruption (what the oracle prints). */
function signalFor(code: number): number {
  return code === Pic.Specification || code === Pic.Operation ? 4 : 8;
}

function replay(mn: string, l1: number, l2: number, gr1: string, in1: string, in2: string): string {
  bytes(in1).forEach((b, k) => cpu.mem.write8(F1 + k, b));
  bytes(in2).forEach((b, k) => cpu.mem.write8(F2 + k, b));
  cpu.set64(1, parseInt(gr1.slice(0, 8), 16), parseInt(gr1.slice(8), 16));
  cpu.set64(B1, 0, F1);
  cpu.set64(B2, 0, mn === 'cvd' ? F1 : F2);
  const i = new Insn({ mnemonic: mn } as InsnDef, 0, 0, 0);
  i.l1 = l1; i.l2 = l2; i.b1 = B1; i.b2 = B2; i.r1 = 1;
  try {
    handlers.get(mn)!(cpu, i);
  } catch (e) {
    if (e instanceof ProgramException) return `sig ${signalFor(e.code)}`;
    throw e;
  }
  const g = (cpu.hi(1) >>> 0).toString(16).padStart(8, '0') + (cpu.lo(1) >>> 0).toString(16).padStart(8, '0');
  return `${dump(F1)} ${dump(F2)} ${g} ${SETS_CC.has(mn) ? cpu.cc : '-'}`;
}

describe('decimal instructions against qemu-s390x', () => {
  const exe = buildProgram('decimal-oracle', readFileSync(resolve(import.meta.dirname, 'oracle/decimal.c'), 'utf8'));
  const lines = runProgram(exe, [String(CASES), SEED]).trim().split('\n');
  for (const mn of ['pack', 'unpk', 'pka', 'unpka', 'tp', 'cvd']) {
    test(mn, () => {
      const bad: string[] = [];
      const mine = lines.filter((l) => l.startsWith(`${mn} `));
      expect(mine.length).toBe(CASES);
      for (const line of mine) {
        const [lhs, rhs] = line.split(' = ');
        const [, l1, l2, gr1, in1, in2] = lhs!.split(' ');
        let want = rhs!;
        if (!SETS_CC.has(mn) && !want.startsWith('sig')) want = want.replace(/ \d$/, ' -');
        const got = replay(mn, Number(l1), Number(l2), gr1!, in1!, in2!);
        if (got !== want) bad.push(`${line}\n    ours: ${got}`);
      }
      expect(bad.slice(0, 6).join('\n'), `${bad.length} of ${mine.length} differ`).toBe('');
    });
  }
});
