// The JIT engine on hand-assembled code: the same registers, PSW, CC, instruction count and
// stop reason as the interpreter, including self-modifying code, an addressing exception in the
// middle of a compiled block, branches that stay inside one, a block compiled short of
// instructions its interpreted passes never reached, and a batch that leaves out a block whose
// loop ended while it waited; under each of the JIT's backends (direct and Binaryen).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cpu, StopReason } from '../../src/interp/cpu.js';
import { loadBinaryen } from '../../src/jit/binaryen.js';
import { JitEngine, type JitOptions } from '../../src/jit/engine.js';
import { LockstepEngine } from '../../src/jit/lockstep.js';
import { createUserCpu } from '../../src/user/machine.js';

beforeAll(async () => {
  await loadBinaryen();
});

const STORAGE = 1 << 20;
/** PSW bits 0-31 and 32-63 for the 64-bit mode in the problem state. */
const MASK0 = (1 << 16) | 1, MASK1 = 0x80000000 | 0;

interface Program {
  readonly code: readonly [number, readonly number[]][];
  readonly regs: Readonly<Record<number, number>>;
  readonly start: number;
}

function load(p: Program): Cpu {
  const cpu = createUserCpu(STORAGE);
  cpu.setPswMask(MASK0, MASK1);
  for (const [addr, bytes] of p.code) cpu.storage.writeBytes(addr, Uint8Array.from(bytes));
  for (const [r, v] of Object.entries(p.regs)) cpu.set64(Number(r), v < 0 ? -1 : 0, v);
  cpu.setIa(0, p.start);
  return cpu;
}

type Engine = 'interp' | 'jit' | 'lockstep';

function run(p: Program, engine: Engine, backend: JitOptions['backend'] = 'direct'): { cpu: Cpu; stop: StopReason; compiled: number } {
  const cpu = load(p);
  const opts = { threshold: 1, batch: 1, validate: true, backend };
  const e = engine === 'interp' ? cpu : engine === 'jit' ? new JitEngine(cpu, opts) : new LockstepEngine(cpu, opts);
  let stop: StopReason;
  do stop = e.run(10_000); while (stop.kind === 'limit' && cpu.executed < 1_000_000);
  return { cpu, stop, compiled: e instanceof JitEngine ? e.stats.insnsRunCompiled : 0 };
}

function state(r: { cpu: Cpu; stop: StopReason }): unknown {
  const c = r.cpu;
  return { gprs: Array.from({ length: 16 }, (_, k) => c.getR(k)), ia: c.ia, iaHi: c.iaHi, cc: c.cc, executed: c.executed, stop: r.stop };
}

function sameUnderEveryEngine(p: Program): { cpu: Cpu; stop: StopReason } {
  const interp = run(p, 'interp');
  const jit = run(p, 'jit');
  expect(state(jit)).toEqual(state(interp));
  expect(jit.compiled, 'instructions run in compiled code').toBeGreaterThan(0);
  expect(state(run(p, 'jit', 'binaryen')), 'the Binaryen backend').toEqual(state(interp));
  expect(state(run(p, 'lockstep'))).toEqual(state(interp));
  return interp;
}

describe('JIT engine against the interpreter', () => {
  it('re-translates a block that rewrites its own instructions', () => {
    // 1000: ahi r2,1 / brct r4,1000 / st r5,0(r6) / lhi r4,10 / ahi r7,-1 / jnz 1000 / svc 1
    // The store turns the AHI into ahi r2,2: 10 * 1 + 10 * 2 when the rewrite is seen.
    const r = sameUnderEveryEngine({
      code: [[0x1000, [
        0xa7, 0x2a, 0x00, 0x01, 0xa7, 0x46, 0xff, 0xfe, 0x50, 0x50, 0x60, 0x00, 0xa7, 0x48, 0x00, 0x0a,
        0xa7, 0x7a, 0xff, 0xff, 0xa7, 0x74, 0xff, 0xf6, 0x0a, 0x01,
      ]]],
      regs: { 2: 0, 4: 10, 5: 0xa72a0002 | 0, 6: 0x1000, 7: 2 },
      start: 0x1000,
    });
    expect(r.cpu.getR(2)).toBe(30n);
    expect(r.stop).toEqual({ kind: 'svc', code: 1 });
  });

  it('raises an addressing exception at the faulting instruction with earlier work done', () => {
    // 2000: aghi r3,5 / ltgr r4,r3 / lg r1,0(r2) / aghi r2,8 / j 2000, r2 reaching the end of
    // storage in the third pass, which runs compiled.
    const r = sameUnderEveryEngine({
      code: [[0x2000, [
        0xa7, 0x3b, 0x00, 0x05, 0xb9, 0x02, 0x00, 0x43, 0xe3, 0x10, 0x20, 0x00, 0x00, 0x04, 0xa7, 0x2b, 0x00, 0x08,
        0xa7, 0xf4, 0xff, 0xf7,
      ]]],
      regs: { 1: 99, 2: STORAGE - 16, 3: 0 },
      start: 0x2000,
    });
    expect(r.stop).toEqual({ kind: 'program', code: 5, ilc: 3 });
    expect(r.cpu.ia).toBe(0x200e);
    expect(r.cpu.getR(1)).toBe(0n);
    expect(r.cpu.getR(3)).toBe(15n);
  });

  it('fills storage with MVC one byte after its source, as memset does', () => {
    // 1000: stc r5,0(r1) / mvc 1(255,r1),0(r1) / lg r2,200(r1) / sth r5,300(r1) /
    // mvc 302(6,r1),300(r1) / lg r3,300(r1) / ahi r5,1 / brct r4,1000 / svc 1. The first MVC
    // fills 256 bytes with the byte stored before it; the second, its destination two bytes
    // into its source, repeats a pair of bytes (which the interpreter does for compiled code).
    const r = sameUnderEveryEngine({
      code: [[0x1000, [
        0x42, 0x50, 0x10, 0x00, 0xd2, 0xfe, 0x10, 0x01, 0x10, 0x00, 0xe3, 0x20, 0x10, 0xc8, 0x00, 0x04,
        0x40, 0x50, 0x11, 0x2c, 0xd2, 0x05, 0x11, 0x2e, 0x11, 0x2c, 0xe3, 0x30, 0x11, 0x2c, 0x00, 0x04,
        0xa7, 0x5a, 0x00, 0x01, 0xa7, 0x46, 0xff, 0xee, 0x0a, 0x01,
      ]]],
      regs: { 1: 0x8000, 4: 3, 5: 0x4142 },
      start: 0x1000,
    });
    expect(r.cpu.getR(2)).toBe(0x4444444444444444n);
    expect(r.cpu.getR(3)).toBe(0x4144414441444144n);
    expect(r.stop).toEqual({ kind: 'svc', code: 1 });
  });

  it('loops inside compiled code and keeps the lazy CC readable by the interpreter', () => {
    // 3000: agr r2,r3 / clgr r2,r5 / jl 3000 / ipm r6 / svc 2
    const r = sameUnderEveryEngine({
      code: [[0x3000, [0xb9, 0x08, 0x00, 0x23, 0xb9, 0x21, 0x00, 0x25, 0xa7, 0x44, 0xff, 0xfc, 0xb2, 0x22, 0x00, 0x60, 0x0a, 0x02]]],
      regs: { 2: 0, 3: 3, 5: 3000 },
      start: 0x3000,
    });
    expect(r.cpu.getR(2)).toBe(3000n);
    expect(r.stop).toEqual({ kind: 'svc', code: 2 });
  });

  it('branches forward inside a block, where paths that set the CC differently meet', () => {
    // 1000: lr r3,r1 / cr r1,r2 / jl 100a / ltr r3,r3 / 100a: jh 1012 / ahi r4,1 /
    // 1012: ahi r1,-1 / brct r5,1000 / svc 3. At 100a the CC is the compare's from the jl and
    // the LTR's otherwise; r4 counts the passes with r1 below r2.
    const r = sameUnderEveryEngine({
      code: [[0x1000, [
        0x18, 0x31, 0x19, 0x12, 0xa7, 0x44, 0x00, 0x03, 0x12, 0x33, 0xa7, 0x24, 0x00, 0x04, 0xa7, 0x4a, 0x00, 0x01,
        0xa7, 0x1a, 0xff, 0xff, 0xa7, 0x56, 0xff, 0xf5, 0x0a, 0x03,
      ]]],
      regs: { 1: 20, 2: 5, 4: 0, 5: 20 },
      start: 0x1000,
    });
    expect(r.cpu.getR(4)).toBe(4n);
    expect(r.stop).toEqual({ kind: 'svc', code: 3 });
  });

  it('compiles only the instructions its interpreted passes reached, and leaves where they end; times its parts when asked', () => {
    // 4000: ahi r2,1 / chi r2,100 / jl 4000 / ahi r3,1 / svc 4. The three interpreted passes
    // go back at the jl, so the block compiles without its last two; the compiled loop then
    // falls through to them.
    const p: Program = {
      code: [[0x4000, [0xa7, 0x2a, 0x00, 0x01, 0xa7, 0x2e, 0x00, 0x64, 0xa7, 0x44, 0xff, 0xfc, 0xa7, 0x3a, 0x00, 0x01, 0x0a, 0x04]]],
      regs: { 2: 0, 3: 0 },
      start: 0x4000,
    };
    const cpu = load(p);
    const jit = new JitEngine(cpu, { threshold: 4, batch: 1, validate: true });
    const stop = jit.run(10_000);
    const interp = run(p, 'interp');
    expect(state({ cpu, stop })).toEqual(state(interp));
    expect(cpu.getR(2)).toBe(100n);
    expect(cpu.getR(3)).toBe(1n);
    expect(jit.stats.insnsCompiled).toBe(3);
    expect(jit.stats.insnsRunCompiled).toBeGreaterThan(0);
    expect([jit.stats.interpretMs, jit.stats.compiledMs, jit.stats.helperMs]).toEqual([0, 0, 0]);
    const timed = new JitEngine(load(p), { threshold: 4, batch: 1, timing: true });
    timed.run(10_000);
    expect(timed.stats.interpretMs).toBeGreaterThan(0);
    expect(timed.stats.compiledMs).toBeGreaterThan(0);
  });

  it('leaves out of a batch a block that has not run since it was queued, but not twice', () => {
    // 5000: ahi r2,1 / brct r4,5000 / ahi r3,1 / brct r5,5008 / svc 5 / nopr /
    // 5014: ahi r6,1 / brct r7,5014 / svc 6. The first loop (5 passes) queues its block; the
    // second loop queues its own 10 instructions later and fills the batch of two: with idle 4
    // the first block is left out.
    const p: Program = {
      code: [[0x5000, [
        0xa7, 0x2a, 0x00, 0x01, 0xa7, 0x46, 0xff, 0xfe, 0xa7, 0x3a, 0x00, 0x01, 0xa7, 0x56, 0xff, 0xfe, 0x0a, 0x05, 0x07, 0x07,
        0xa7, 0x6a, 0x00, 0x01, 0xa7, 0x76, 0xff, 0xfe, 0x0a, 0x06,
      ]]],
      regs: { 2: 0, 3: 0, 4: 5, 5: 100 },
      start: 0x5000,
    };
    const interp = run(p, 'interp');
    const compiledWith = (idle: number): JitEngine => {
      const cpu = load(p);
      const jit = new JitEngine(cpu, { threshold: 4, batch: 2, idle, validate: true });
      expect(state({ cpu, stop: jit.run(10_000) })).toEqual(state(interp));
      return jit;
    };
    expect(compiledWith(Infinity).stats.blocksCompiled).toBe(2);
    const jit = compiledWith(4);
    expect(jit.stats.blocksCompiled).toBe(1);
    expect(jit.stats.insnsRunCompiled).toBeGreaterThan(0);
    // The first loop again: its block is queued after half the threshold this time and waits,
    // idle, until the third loop fills the batch; left out once already, it compiles now.
    const cpu = jit.cpu;
    const from = (ia: number, regs: Record<number, number>): StopReason => {
      for (const [r, v] of Object.entries(regs)) cpu.set64(Number(r), 0, v);
      cpu.setIa(0, ia);
      return jit.run(10_000);
    };
    expect(from(0x5000, { 4: 5, 5: 1 })).toEqual({ kind: 'svc', code: 5 });
    expect(jit.stats.blocksCompiled).toBe(1);
    expect(from(0x5014, { 7: 100 })).toEqual({ kind: 'svc', code: 6 });
    expect(cpu.getR(6)).toBe(100n);
    expect(jit.stats.blocksCompiled).toBe(3);
  });
});
