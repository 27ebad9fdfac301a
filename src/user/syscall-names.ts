// s390x (64-bit) Linux system call numbers, named as the kernel's syscall table names them.
// Used to register handlers and to name unimplemented calls under --trace-syscalls.

export const NR = {
  exit: 1, fork: 2, read: 3, write: 4, open: 5, close: 6, creat: 8, link: 9, unlink: 10, execve: 11,
  chdir: 12, mknod: 14, chmod: 15, lseek: 19, getpid: 20, alarm: 27, utime: 30, access: 33, sync: 36,
  kill: 37, rename: 38, mkdir: 39, rmdir: 40, dup: 41, pipe: 42, times: 43, brk: 45, ioctl: 54,
  fcntl: 55, setpgid: 57, umask: 60, dup2: 63, getppid: 64, getpgrp: 65, setsid: 66,
  sethostname: 74, getrusage: 77, gettimeofday: 78, symlink: 83, readlink: 85, mmap: 90, munmap: 91,
  truncate: 92, ftruncate: 93, fchmod: 94, getpriority: 96, setpriority: 97, statfs: 99, fstatfs: 100,
  setitimer: 104, getitimer: 105, stat: 106, lstat: 107, fstat: 108, wait4: 114, sysinfo: 116,
  fsync: 118, sigreturn: 119, clone: 120, uname: 122, mprotect: 125, getpgid: 132, fchdir: 133,
  personality: 136, getdents: 141, select: 142, flock: 143, msync: 144, readv: 145, writev: 146,
  getsid: 147, fdatasync: 148, sched_yield: 158, nanosleep: 162, mremap: 163, poll: 168, prctl: 172,
  rt_sigreturn: 173, rt_sigaction: 174, rt_sigprocmask: 175, rt_sigpending: 176, rt_sigsuspend: 179,
  pread64: 180, pwrite64: 181, getcwd: 183, capget: 184, sigaltstack: 186, sendfile: 187, vfork: 190,
  getrlimit: 191, lchown: 198, getuid: 199, getgid: 200, geteuid: 201, getegid: 202, setreuid: 203,
  setregid: 204, getgroups: 205, setgroups: 206, fchown: 207, setresuid: 208, getresuid: 209,
  setresgid: 210, getresgid: 211, chown: 212, setuid: 213, setgid: 214, mincore: 218, madvise: 219,
  getdents64: 220, readahead: 222, gettid: 236, tkill: 237, futex: 238, sched_setaffinity: 239,
  sched_getaffinity: 240, tgkill: 241, exit_group: 248, set_tid_address: 252, fadvise64: 253,
  clock_settime: 259, clock_gettime: 260, clock_getres: 261, clock_nanosleep: 262, statfs64: 265,
  fstatfs64: 266, openat: 288, mkdirat: 289, mknodat: 290, fchownat: 291, futimesat: 292,
  newfstatat: 293, unlinkat: 294, renameat: 295, linkat: 296, symlinkat: 297, readlinkat: 298,
  fchmodat: 299, faccessat: 300, pselect6: 301, ppoll: 302, set_robust_list: 304,
  get_robust_list: 305, utimensat: 315, eventfd2: 323, pipe2: 325, dup3: 326, epoll_create1: 327,
  prlimit64: 334, renameat2: 347, getrandom: 349, memfd_create: 350, membarrier: 356, socket: 359,
  copy_file_range: 375, statx: 379, rseq: 383, clone3: 435, close_range: 436, openat2: 437,
  faccessat2: 439,
} as const;

export type SyscallName = keyof typeof NR;

const NAMES = new Map<number, string>(Object.entries(NR).map(([k, v]) => [v, k]));

export function syscallName(nr: number): string {
  return NAMES.get(nr) ?? `syscall_${nr}`;
}
