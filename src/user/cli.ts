// `s390x-wasm user [--stats] [--trace-syscalls] [--engine E] [--jit-disable F,..] PROGRAM [ARGS...]`: runs a static s390x Linux
// program and exits with its status.
import * as fs from 'node:fs';
import type { Command } from 'commander';
import type { JitOptions, JitStats } from '../jit/engine.js';
import { LockstepDifference } from '../jit/lockstep.js';
import { createEngine, engineFromCli, engineOptions, jitStatsText, type EngineCliOptions, type EngineName } from '../jit/select.js';
import { relaunchWithPool } from '../relaunch.js';
import { createUserCpu } from './machine.js';
import { UserProcess } from './process.js';


export interface UserRunResult {
  readonly status: number;
  readonly signal: number;
  readonly instructions: number;
  readonly seconds: number;
  /** The JIT's counters (jit and lockstep engines). */
  readonly jit?: JitStats;
}

export interface UserRunOptions {
  readonly traceSyscalls?: boolean;
  /** Host descriptors for the guest's stdin, stdout and stderr (default 0, 1, 2). */
  readonly stdio?: readonly [number, number, number];
  /** Bytes of guest storage (default USER_STORAGE). */
  readonly storageSize?: number;
  readonly cwd?: string;
  /** Environment strings (default: the host's). */
  readonly env?: readonly string[];
  readonly maxInstructions?: number;
  /** Default interp; jit and lockstep with the Binaryen backend need loadBinaryen() first. */
  readonly engine?: EngineName;
  readonly jit?: JitOptions;
}

/** Runs program with argv [program, ...args] and the host environment. */
export function runUserProgram(program: string, args: readonly string[], opts: UserRunOptions = {}): UserRunResult {
  const file = new Uint8Array(fs.readFileSync(program));
  const cpu = createUserCpu(opts.storageSize);
  const env = opts.env ?? Object.entries(process.env).map(([k, v]) => `${k}=${v ?? ''}`);
  const proc = new UserProcess(cpu, file, program, {
    argv: [program, ...args], envp: env, traceSyscalls: opts.traceSyscalls, stdio: opts.stdio, cwd: opts.cwd,
    maxInstructions: opts.maxInstructions,
  });
  const engine = opts.engine ?? 'interp';
  const jit = createEngine(engine, cpu, opts.jit);
  if (jit !== null) proc.engine = jit;
  const t0 = process.hrtime.bigint();
  const exit = proc.run();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { ...exit, instructions: cpu.executed, seconds, jit: jit?.stats };
}

interface CliOptions extends EngineCliOptions {
  stats?: boolean;
  traceSyscalls?: boolean;
}

export function registerUserCommand(program: Command): void {
  engineOptions(program
    .command('user')
    .description('run a static s390x Linux executable in user mode')
    .option('--stats', 'print instructions executed, seconds and MIPS (and the JIT\'s counters) to stderr'))
    .option('--trace-syscalls', 'name each unimplemented system call once on stderr')
    .argument('<program>', 'static s390x ELF executable')
    .argument('[args...]', 'arguments for the program')
    .passThroughOptions()
    .action(async (prog: string, args: string[], opts: CliOptions) => {
      await relaunchWithPool();
      const { engine, jit } = await engineFromCli(opts);
      let r: UserRunResult;
      try {
        r = runUserProgram(prog, args, { traceSyscalls: opts.traceSyscalls, engine, jit });
      } catch (e) {
        if (!(e instanceof LockstepDifference)) throw e;
        process.stderr.write(`s390x-wasm: ${e.message}\n`);
        process.exitCode = 125;
        return;
      }
      if (opts.stats) {
        const mips = r.seconds > 0 ? r.instructions / r.seconds / 1e6 : 0;
        process.stderr.write(`instructions: ${r.instructions}\nseconds: ${r.seconds.toFixed(3)}\nMIPS: ${mips.toFixed(1)}\n`);
        if (r.jit !== undefined) process.stderr.write(jitStatsText(r.jit, r.instructions));
      }
      if (r.signal !== 0) process.stderr.write(`s390x-wasm: program killed by signal ${r.signal}\n`);
      process.exitCode = r.status;
    });
}
