// Process identity and lifetime, signal dispositions, resource limits, system information.
import { randomFillSync } from 'node:crypto';
import * as os from 'node:os';
import { EAGAIN, ECHILD, EINVAL, ENOSYS, EPERM, ESRCH, SyscallError } from '../errno.js';
import { Struct } from '../guest-data.js';
import type { UserProcess } from '../process.js';
import { ProcessExit } from '../signals.js';
import type { SyscallTable } from './types.js';

const RLIM_INFINITY = -1;
const RLIMIT_STACK = 3, RLIMIT_NOFILE = 7;
const FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_CMD_MASK = 0x7f;

function rlimit(p: UserProcess, resource: number): [number, number] {
  if (resource === RLIMIT_STACK) return [p.stackSize, RLIM_INFINITY];
  if (resource === RLIMIT_NOFILE) return [1024, 1024];
  if (resource < 0 || resource > 15) throw new SyscallError(EINVAL);
  return [RLIM_INFINITY, RLIM_INFINITY];
}

function storeRlimit(p: UserProcess, addr: number, [cur, max]: [number, number]): number {
  if (addr !== 0) new Struct(16).u64(0, cur).u64(8, max).store(p.mem, addr);
  return 0;
}

/** struct utsname: six 65-byte strings. The machine is s390x, the rest is the host's, as qemu-user reports it. */
function uname(p: UserProcess, addr: number): number {
  new Struct(390)
    .str(0, 'Linux', 65).str(65, os.hostname(), 65).str(130, os.release(), 65)
    .str(195, os.version(), 65).str(260, 's390x', 65).str(325, '(none)', 65)
    .store(p.mem, addr);
  return 0;
}

function kill(p: UserProcess, pid: number, sig: number): number {
  if (pid !== p.pid && pid !== 0 && pid !== -1) throw new SyscallError(ESRCH);
  if (sig === 0) return 0;
  if (sig < 1 || sig > 64) throw new SyscallError(EINVAL);
  p.pendingSignal = sig;
  return 0;
}

function futex(p: UserProcess, a: readonly number[]): number {
  // One thread: nobody can wake a waiter, and a wake finds nobody waiting.
  const cmd = a[1] & FUTEX_CMD_MASK;
  if (cmd === FUTEX_WAKE) return 0;
  if (cmd === FUTEX_WAIT) return p.mem.readS32(a[0]) === (a[2] | 0) ? -EINVAL : -EAGAIN;
  throw new SyscallError(ENOSYS);
}

export const procSyscalls: SyscallTable = {
  exit: (_p, a) => { throw new ProcessExit(a[0] & 0xff); },
  exit_group: (_p, a) => { throw new ProcessExit(a[0] & 0xff); },
  getpid: (p) => p.pid,
  gettid: (p) => p.pid,
  getppid: () => process.ppid,
  getpgrp: (p) => p.pid,
  getpgid: (p) => p.pid,
  getsid: (p) => p.pid,
  setpgid: () => 0,
  setsid: (p) => p.pid,
  getuid: (p) => p.ids.uid,
  geteuid: (p) => p.ids.uid,
  getgid: (p) => p.ids.gid,
  getegid: (p) => p.ids.gid,
  getresuid: (p, a) => { for (const at of a.slice(0, 3)) p.mem.write32(at, p.ids.uid); return 0; },
  getresgid: (p, a) => { for (const at of a.slice(0, 3)) p.mem.write32(at, p.ids.gid); return 0; },
  getgroups: () => 0,
  setuid: (p, a) => ((a[0] | 0) === p.ids.uid ? 0 : -EPERM),
  setgid: (p, a) => ((a[0] | 0) === p.ids.gid ? 0 : -EPERM),
  set_tid_address: (p) => p.pid,
  set_robust_list: () => 0,
  rt_sigaction: (p, a) => p.signals.sigaction(p.cpu, a[0] | 0, a[1], a[2]),
  rt_sigprocmask: (p, a) => p.signals.sigprocmask(p.cpu, a[0] | 0, a[1], a[2]),
  sigaltstack: (p, a) => p.signals.sigaltstack(p.cpu, a[0], a[1]),
  kill: (p, a) => kill(p, a[0] | 0, a[1] | 0),
  tkill: (p, a) => kill(p, a[0] | 0, a[1] | 0),
  tgkill: (p, a) => kill(p, a[1] | 0, a[2] | 0),
  wait4: () => -ECHILD,
  getrlimit: (p, a) => storeRlimit(p, a[1], rlimit(p, a[0] | 0)),
  prlimit64: (p, a) => {
    if ((a[0] | 0) !== 0 && (a[0] | 0) !== p.pid) throw new SyscallError(ESRCH);
    return storeRlimit(p, a[3], rlimit(p, a[1] | 0));
  },
  uname: (p, a) => uname(p, a[0]),
  getrandom: (p, a) => {
    const buf = new Uint8Array(Math.min(a[1], 1 << 20));
    randomFillSync(buf);
    p.mem.writeBytes(a[0], buf);
    return buf.length;
  },
  sched_getaffinity: (p, a) => {
    if (a[1] < 8) throw new SyscallError(EINVAL);
    new Struct(8).u64(0, 1).store(p.mem, a[2]);
    return 8;
  },
  sched_yield: () => 0,
  futex: (p, a) => futex(p, a),
  membarrier: () => 0,
  personality: () => 0,
  prctl: () => -EINVAL,
  /** struct tms: four clock_t of user/system time in 100 Hz ticks; returns ticks since boot. */
  times: (p, a) => {
    const u = process.cpuUsage();
    if (a[0] !== 0) new Struct(32).u64(0, Math.floor(u.user / 10000)).u64(8, Math.floor(u.system / 10000)).store(p.mem, a[0]);
    return Math.floor(os.uptime() * 100);
  },
  getrusage: (p, a) => {
    const u = process.cpuUsage();
    new Struct(144)
      .u64(0, Math.floor(u.user / 1e6)).u64(8, u.user % 1e6)
      .u64(16, Math.floor(u.system / 1e6)).u64(24, u.system % 1e6)
      .u64(32, Math.floor(process.memoryUsage().rss / 1024))
      .store(p.mem, a[1]);
    return 0;
  },
  sysinfo: (p, a) => {
    new Struct(112)
      .u64(0, Math.floor(os.uptime())).u64(32, p.mem.size).u64(40, p.mem.size - p.space.brk)
      .u16(80, 1).u32(104, 1)
      .store(p.mem, a[0]);
    return 0;
  },
};
