// `s390x-wasm user [--stats] [--trace-syscalls] PROGRAM [ARGS...]`: runs a static s390x Linux
// program and exits with its status.
import * as fs from 'node:fs';
import type { Command } from 'commander';
import { createUserCpu } from './machine.js';
import { UserProcess } from './process.js';

export interface UserRunResult {
  readonly status: number;
  readonly signal: number;
  readonly instructions: number;
  readonly seconds: number;
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
  const t0 = process.hrtime.bigint();
  const exit = proc.run();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { ...exit, instructions: cpu.executed, seconds };
}

export function registerUserCommand(program: Command): void {
  program
    .command('user')
    .description('run a static s390x Linux executable in user mode')
    .option('--stats', 'print instructions executed, seconds and MIPS to stderr')
    .option('--trace-syscalls', 'name each unimplemented system call once on stderr')
    .argument('<program>', 'static s390x ELF executable')
    .argument('[args...]', 'arguments for the program')
    .passThroughOptions()
    .action((prog: string, args: string[], opts: { stats?: boolean; traceSyscalls?: boolean }) => {
      const r = runUserProgram(prog, args, { traceSyscalls: opts.traceSyscalls });
      if (opts.stats) {
        const mips = r.seconds > 0 ? r.instructions / r.seconds / 1e6 : 0;
        process.stderr.write(`instructions: ${r.instructions}\nseconds: ${r.seconds.toFixed(3)}\nMIPS: ${mips.toFixed(1)}\n`);
      }
      if (r.signal !== 0) process.stderr.write(`s390x-wasm: program killed by signal ${r.signal}\n`);
      process.exitCode = r.status;
    });
}
