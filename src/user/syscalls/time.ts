// Clocks and sleeping. Guest time is host time: user mode runs real programs whose output
// does not depend on the clock, and the benchmarks want wall time.
import { EINVAL, SyscallError } from '../errno.js';
import { readLong, Struct } from '../guest-data.js';
import type { UserProcess } from '../process.js';
import type { SyscallTable } from './types.js';

const CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2, CLOCK_THREAD_CPUTIME_ID = 3,
  CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5, CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7;

const startNs = process.hrtime.bigint();
const startRealNs = BigInt(Date.now()) * 1000000n;

function clockNs(id: number): bigint {
  switch (id) {
    case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE:
      return startRealNs + (process.hrtime.bigint() - startNs);
    case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_MONOTONIC_COARSE: case CLOCK_BOOTTIME:
      return process.hrtime.bigint();
    case CLOCK_PROCESS_CPUTIME_ID: case CLOCK_THREAD_CPUTIME_ID: {
      const u = process.cpuUsage();
      return BigInt(u.user + u.system) * 1000n;
    }
    default:
      throw new SyscallError(EINVAL);
  }
}

function storeTimespec(p: UserProcess, addr: number, ns: bigint): number {
  if (addr !== 0) new Struct(16).u64(0, ns / 1000000000n).u64(8, ns % 1000000000n).store(p.mem, addr);
  return 0;
}

function sleepNs(ns: number): void {
  const ms = Math.max(0, Math.round(ns / 1e6));
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readTimespecNs(p: UserProcess, addr: number): number {
  return readLong(p.mem, addr) * 1e9 + readLong(p.mem, addr + 8);
}

export const timeSyscalls: SyscallTable = {
  clock_gettime: (p, a) => storeTimespec(p, a[1], clockNs(a[0] | 0)),
  clock_getres: (p, a) => { clockNs(a[0] | 0); return storeTimespec(p, a[1], 1n); },
  gettimeofday: (p, a) => {
    const ns = clockNs(CLOCK_REALTIME);
    if (a[0] !== 0) new Struct(16).u64(0, ns / 1000000000n).u64(8, (ns % 1000000000n) / 1000n).store(p.mem, a[0]);
    return 0;
  },
  nanosleep: (p, a) => { sleepNs(readTimespecNs(p, a[0])); return 0; },
  clock_nanosleep: (p, a) => {
    const TIMER_ABSTIME = 1;
    let ns = readTimespecNs(p, a[2]);
    if ((a[1] & TIMER_ABSTIME) !== 0) ns -= Number(clockNs(a[0] | 0));
    sleepNs(ns);
    return 0;
  },
  // No timers are delivered in user mode; programs that arm one never see it fire.
  alarm: () => 0,
  setitimer: (p, a) => { if (a[2] !== 0) p.mem.fill(a[2], 32, 0); return 0; },
};
