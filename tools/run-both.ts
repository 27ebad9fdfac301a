// Runs one static s390x program under qemu-s390x-static and under our user mode with the same
// arguments, stdin, working directory and environment, and returns both outputs.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runUserProgram } from '../src/user/cli.js';
import type { EngineName } from '../src/jit/select.js';
import type { JitOptions, JitStats } from '../src/jit/engine.js';
import { runQemu } from './cross.js';

export interface Outcome {
  readonly stdout: Buffer;
  readonly status: number;
  readonly seconds: number;
  /** Instructions our interpreter executed (0 for qemu). */
  readonly instructions: number;
  /** The JIT's counters when it ran. */
  readonly jit?: JitStats;
}

export interface BothOptions {
  readonly stdin?: Buffer | string;
  readonly cwd?: string;
  /** Our engine (default interp). */
  readonly engine?: EngineName;
  readonly jit?: JitOptions;
}

/** A fixed environment, so output that depends on it (ls column widths, locale) is the same. */
export const TEST_ENV = ['PATH=/bin:/usr/bin', 'LC_ALL=C', 'TZ=UTC', 'HOME=/tmp', 'COLUMNS=80'];

export function runQemuTimed(exe: string, args: readonly string[], opts: BothOptions = {}): Outcome {
  const env = Object.fromEntries(TEST_ENV.map((e) => e.split('=') as [string, string]));
  const t0 = process.hrtime.bigint();
  const r = runQemu(exe, args, { input: opts.stdin, cwd: opts.cwd, env });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.error) throw r.error;
  return { stdout: r.stdout, status: r.status ?? 128 + 9, seconds, instructions: 0 };
}

export function runOurs(exe: string, args: readonly string[], opts: BothOptions = {}): Outcome {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 's390x-wasm-run-'));
  try {
    const inPath = path.join(dir, 'stdin');
    fs.writeFileSync(inPath, opts.stdin ?? '');
    const inFd = fs.openSync(inPath, 'r');
    const outFd = fs.openSync(path.join(dir, 'stdout'), 'w');
    try {
      const r = runUserProgram(exe, args, { stdio: [inFd, outFd, 2], cwd: opts.cwd, env: TEST_ENV, engine: opts.engine, jit: opts.jit });
      return { stdout: fs.readFileSync(path.join(dir, 'stdout')), status: r.status, seconds: r.seconds, instructions: r.instructions, jit: r.jit };
    } finally {
      fs.closeSync(inFd);
      fs.closeSync(outFd);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function runBoth(exe: string, args: readonly string[], opts: BothOptions = {}): { qemu: Outcome; ours: Outcome } {
  return { qemu: runQemuTimed(exe, args, opts), ours: runOurs(exe, args, opts) };
}
