// Choosing what runs a guest, shared by `run` and `user`: the interpreter, the JIT, or both in
// lockstep, with the options that bisect a difference and the counters --stats prints.
import type { Command } from 'commander';
import type { Cpu } from '../interp/cpu.js';
import { loadBinaryen } from './binaryen.js';
import { JitEngine, type JitOptions, type JitStats } from './engine.js';
import { LockstepEngine } from './lockstep.js';

export type EngineName = 'interp' | 'jit' | 'lockstep';
export const ENGINES: readonly EngineName[] = ['interp', 'jit', 'lockstep'];

/** The JIT engine for a CPU (null for the interpreter); Binaryen must be loaded for its backend. */
export function createEngine(name: EngineName, cpu: Cpu, opts: JitOptions = {}): JitEngine | null {
  if (name === 'interp') return null;
  return name === 'jit' ? new JitEngine(cpu, opts) : new LockstepEngine(cpu, opts);
}

export interface EngineCliOptions {
  engine: string;
  jitDisable?: string;
  jitThreshold?: string;
  jitBackend: string;
}

const BACKENDS = ['direct', 'binaryen'] as const;

/** Adds --engine, --jit-disable, --jit-threshold and --jit-backend to a command. */
export function engineOptions(cmd: Command): Command {
  return cmd
    .option('--engine <engine>', `what runs the guest: ${ENGINES.join(', ')}`, 'jit')
    .option('--jit-disable <families>', 'leave these instruction families (comma-separated) to the interpreter')
    .option('--jit-threshold <n>', 'interpreted entries before a block is compiled')
    .option('--jit-backend <backend>', `what writes the JIT's Wasm modules: ${BACKENDS.join(', ')} (the same bytes; binaryen is slower)`, 'direct');
}

/** The engine and JIT options the command line asks for (Binaryen loaded if it is the backend). */
export async function engineFromCli(opts: EngineCliOptions): Promise<{ engine: EngineName; jit: JitOptions }> {
  const engine = opts.engine as EngineName;
  if (!ENGINES.includes(engine)) throw new Error(`--engine must be one of ${ENGINES.join(', ')}`);
  const threshold = opts.jitThreshold === undefined ? undefined : Number(opts.jitThreshold);
  if (threshold !== undefined && !(Number.isInteger(threshold) && threshold >= 1)) {
    throw new Error(`--jit-threshold ${opts.jitThreshold}: expected a whole number of at least 1`);
  }
  const backend = opts.jitBackend as JitOptions['backend'];
  if (!BACKENDS.some((b) => b === backend)) throw new Error(`--jit-backend must be one of ${BACKENDS.join(', ')}`);
  if (engine !== 'interp' && backend === 'binaryen') await loadBinaryen();
  const disabled = new Set((opts.jitDisable ?? '').split(',').filter((f) => f !== ''));
  return { engine, jit: { disabled, threshold, backend } };
}

export function jitStatsText(s: JitStats, instructions: number): string {
  const share = instructions > 0 ? (100 * s.insnsRunCompiled) / instructions : 0;
  const perInsn = s.insnsCompiled > 0 ? (1000 * s.compileMs) / s.insnsCompiled : 0;
  return `blocks compiled: ${s.blocksCompiled} (${s.modules} modules)\n` +
    `guest instructions compiled: ${s.insnsCompiled} (${s.insnsHelped} through interpreter helpers)\n` +
    `compile time: ${s.compileMs.toFixed(1)} ms (${perInsn.toFixed(1)} us a guest instruction)\n` +
    `instructions run in compiled code: ${share.toFixed(1)}% (${s.compiledRuns} entries from the engine, ` +
    `${s.helperCalls} helper calls), interpreted for the engine: ${s.insnsInterpreted}\n` +
    (s.interpretMs + s.compiledMs === 0 ? '' : `time: interpreter ${ms(s.interpretMs)}, compiling ${ms(s.compileMs)}, `
      + `compiled code ${ms(s.compiledMs)} (of which helpers ${ms(s.helperMs)})\n`);
}

function ms(t: number): string {
  return `${(t / 1000).toFixed(2)} s`;
}
