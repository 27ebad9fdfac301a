// A Linux process in user mode: one CPU, its address space and descriptors, and the loop that
// runs the interpreter and answers its SVCs and program interruptions the way the kernel would.
import * as path from 'node:path';
import type { Cpu, StopReason } from '../interp/cpu.js';
import { ProgramException } from '../runtime/interruption.js';
import type { Storage } from '../runtime/storage.js';
import { AddressSpace, PAGE_SIZE } from './address-space.js';
import { EFAULT, ENOSYS, hostErrno, SyscallError } from './errno.js';
import { FdTable } from './fd-table.js';
import { loadElf } from './loader.js';
import { ProcessExit, Signals, signalForProgram } from './signals.js';
import { NR, syscallName } from './syscall-names.js';
import { fileSyscalls } from './syscalls/files.js';
import { ioSyscalls, AT_FDCWD } from './syscalls/io.js';
import { memorySyscalls } from './syscalls/memory.js';
import { procSyscalls } from './syscalls/proc.js';
import { timeSyscalls } from './syscalls/time.js';
import type { SyscallHandler } from './syscalls/types.js';

const TWO32 = 4294967296;
/** Instructions per run() call: long enough to amortise the call, short enough to notice a
 *  pending signal soon. */
const SLICE = 1 << 20;

const HANDLERS = new Map<number, SyscallHandler>();
for (const table of [ioSyscalls, fileSyscalls, memorySyscalls, procSyscalls, timeSyscalls]) {
  for (const [name, h] of Object.entries(table)) HANDLERS.set(NR[name as keyof typeof NR], h as SyscallHandler);
}

export interface UserOptions {
  readonly argv: readonly string[];
  readonly envp: readonly string[];
  /** Bytes reserved for the stack below the top of storage. */
  readonly stackSize?: number;
  /** Name each unimplemented syscall once on stderr. */
  readonly traceSyscalls?: boolean;
  /** Fixed AT_RANDOM bytes (tests). */
  readonly random?: Uint8Array;
  /** Host descriptors behind the guest's 0, 1 and 2 (default: the emulator's own). */
  readonly stdio?: readonly [number, number, number];
  /** Initial working directory (default: the emulator's). */
  readonly cwd?: string;
  /** Stop with an error after this many instructions (default: no limit), so a harness whose
   *  program loops forever under a wrong instruction fails instead of hanging. */
  readonly maxInstructions?: number;
}

export interface ExitStatus {
  /** Exit code as a shell sees it: the program's code, or 128 + the signal that ended it. */
  readonly status: number;
  readonly signal: number;
}

export class UserProcess {
  readonly mem: Storage;
  readonly fds: FdTable;
  readonly signals = new Signals();
  readonly space: AddressSpace;
  readonly pid = process.pid;
  readonly ids = { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
  readonly stackSize: number;
  cwd: string;
  umask = 0o022;
  /** A signal raised by the process itself (kill, tgkill, abort), delivered after the syscall. */
  pendingSignal = 0;
  private readonly traced = new Set<number>();
  private readonly trace: boolean;

  private readonly maxInstructions: number;
  /** What runs the instructions: the interpreter itself, or a JIT engine over the same CPU. */
  engine: { run(maxInsns: number): StopReason };

  constructor(readonly cpu: Cpu, file: Uint8Array, execfn: string, opts: UserOptions) {
    this.mem = cpu.storage;
    this.engine = cpu;
    this.fds = new FdTable(opts.stdio ?? [0, 1, 2]);
    this.cwd = path.resolve(opts.cwd ?? process.cwd());
    this.trace = opts.traceSyscalls ?? false;
    this.stackSize = opts.stackSize ?? 8 << 20;
    this.maxInstructions = opts.maxInstructions ?? Infinity;
    const stackTop = this.mem.size;
    const img = loadElf(cpu, file, {
      argv: opts.argv, envp: opts.envp, execfn, stackTop, ids: this.ids, random: opts.random,
    });
    this.space = new AddressSpace(this.mem, img.end, stackTop - this.stackSize - PAGE_SIZE);
  }

  /** Host path for a guest path relative to dirfd (AT_FDCWD: the working directory). */
  resolve(dirfd: number, p: string): string {
    if (path.isAbsolute(p)) return p;
    return path.resolve(dirfd === AT_FDCWD ? this.cwd : this.fdPath(dirfd), p);
  }

  /** Host path of an open host file. */
  fdPath(fd: number): string {
    const f = this.fds.get(fd);
    if (f.kind !== 'host') throw new SyscallError(ENOSYS);
    return f.path;
  }

  /** Runs until the program exits or a signal ends it. */
  run(): ExitStatus {
    const cpu = this.cpu;
    try {
      for (;;) {
        if (cpu.executed > this.maxInstructions) throw new Error(`no exit after ${this.maxInstructions} instructions`);
        const stop = this.engine.run(SLICE);
        if (stop.kind === 'svc') this.syscall(stop.code === 0 ? cpu.lo(1) : stop.code);
        else if (stop.kind === 'program') {
          const { sig, si_code } = signalForProgram(stop.code, cpu.fpc);
          const insnAddr = cpu.iaHi * TWO32 + cpu.ia - 2 * stop.ilc;
          this.signals.deliver(cpu, sig, si_code, insnAddr);
        } else if (stop.kind === 'halt') {
          throw new Error('the CPU entered the wait state, which a user-mode program cannot do');
        }
        if (this.pendingSignal !== 0) {
          const sig = this.pendingSignal;
          this.pendingSignal = 0;
          this.signals.deliver(cpu, sig, 0, 0);
        }
      }
    } catch (e) {
      if (e instanceof ProcessExit) return { status: e.status, signal: e.signal };
      throw e;
    }
  }

  private syscall(nr: number): void {
    const cpu = this.cpu;
    if (nr === NR.rt_sigreturn || nr === NR.sigreturn) {
      this.signals.sigreturn(cpu);
      return;
    }
    const h = HANDLERS.get(nr);
    let result: number;
    if (!h) {
      if (this.trace && !this.traced.has(nr)) {
        this.traced.add(nr);
        process.stderr.write(`s390x-wasm: unimplemented syscall ${syscallName(nr)} (${nr})\n`);
      }
      result = -ENOSYS;
    } else {
      const a = [2, 3, 4, 5, 6, 7].map((r) => cpu.hi(r) * TWO32 + (cpu.lo(r) >>> 0));
      try {
        result = h(this, a);
      } catch (e) {
        if (e instanceof ProcessExit) throw e;
        result = e instanceof ProgramException ? -EFAULT : hostErrno(e);
      }
    }
    cpu.set64(2, Math.floor(result / TWO32) | 0, result >>> 0);
  }
}
