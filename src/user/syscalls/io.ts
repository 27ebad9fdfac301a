// Descriptor I/O: read/write and their vector and positioned forms, lseek, open/close, dup,
// pipes, fcntl, ioctl.
import * as fs from 'node:fs';
import { EINVAL, ENOTDIR, ENOTTY, ESPIPE, SyscallError } from '../errno.js';
import type { OpenFile } from '../fd-table.js';
import { readCString, readLong } from '../guest-data.js';
import { hostOpenFlags, O_CLOEXEC, O_DIRECTORY } from '../open-flags.js';
import type { UserProcess } from '../process.js';
import type { SyscallTable } from './types.js';

export const AT_FDCWD = -100;
const SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2;
const F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_GETLK = 5, F_SETLK = 6,
  F_SETLKW = 7, F_DUPFD_CLOEXEC = 1030;
const FD_CLOEXEC = 1;
/** Largest transfer done in one host call; the guest sees a short count and loops, as with Linux. */
const MAX_IO = 1 << 24;

function doRead(p: UserProcess, fd: number, buf: number, count: number, at?: number): number {
  const tmp = new Uint8Array(Math.min(count, MAX_IO));
  p.mem.check(buf, tmp.length);
  const n = p.fds.read(fd, tmp, at);
  p.mem.writeBytes(buf, tmp.subarray(0, n));
  return n;
}

function doWrite(p: UserProcess, fd: number, buf: number, count: number, at?: number): number {
  return p.fds.write(fd, p.mem.readBytes(buf, Math.min(count, MAX_IO)), at);
}

/** readv/writev: struct iovec is { void *iov_base; size_t iov_len; }, 16 bytes. */
function vector(p: UserProcess, iov: number, cnt: number, op: (base: number, len: number) => number): number {
  if (cnt < 0 || cnt > 1024) throw new SyscallError(EINVAL);
  let total = 0;
  for (let i = 0; i < cnt; i++) {
    const base = readLong(p.mem, iov + 16 * i);
    const len = readLong(p.mem, iov + 16 * i + 8);
    if (len === 0) continue;
    const n = op(base, len);
    total += n;
    if (n < len) break;
  }
  return total;
}

export function openFile(p: UserProcess, dirfd: number, pathAddr: number, flags: number, mode: number): number {
  const path = p.resolve(dirfd, readCString(p.mem, pathAddr));
  const fd = fs.openSync(path, hostOpenFlags(flags), mode & ~p.umask);
  const st = fs.fstatSync(fd);
  const file: OpenFile = {
    kind: 'host', fd, path, isDir: st.isDirectory(), pos: st.isFile() || st.isDirectory() ? 0 : null,
    dirPos: 0, ownsFd: true,
  };
  if ((flags & O_DIRECTORY) !== 0 && !file.isDir) {
    fs.closeSync(fd);
    throw new SyscallError(ENOTDIR);
  }
  return p.fds.add(file, flags & ~O_CLOEXEC, (flags & O_CLOEXEC) !== 0);
}

function pipe(p: UserProcess, fds: number, flags: number): number {
  const buf = { chunks: [], readers: 0, writers: 0 };
  const cloexec = (flags & O_CLOEXEC) !== 0;
  const r = p.fds.add({ kind: 'pipe-read', pipe: buf }, 0, cloexec);
  const w = p.fds.add({ kind: 'pipe-write', pipe: buf }, 1, cloexec);
  p.mem.write32(fds, r);
  p.mem.write32(fds + 4, w);
  return 0;
}

function lseek(p: UserProcess, fd: number, off: number, whence: number): number {
  const f = p.fds.get(fd);
  if (f.kind !== 'host' || f.pos === null) throw new SyscallError(ESPIPE);
  let base: number;
  if (whence === SEEK_SET) base = 0;
  else if (whence === SEEK_CUR) base = f.pos;
  else if (whence === SEEK_END) base = f.isDir ? 0 : fs.fstatSync(f.fd).size;
  else throw new SyscallError(EINVAL);
  const pos = base + off;
  if (pos < 0) throw new SyscallError(EINVAL);
  f.pos = pos;
  if (f.isDir && pos === 0) f.dirPos = 0;
  return pos;
}

function fcntl(p: UserProcess, fd: number, cmd: number, arg: number): number {
  const slot = p.fds.slot(fd);
  switch (cmd) {
    case F_DUPFD: return p.fds.dup(fd, undefined, false, arg);
    case F_DUPFD_CLOEXEC: return p.fds.dup(fd, undefined, true, arg);
    case F_GETFD: return slot.cloexec ? FD_CLOEXEC : 0;
    case F_SETFD: slot.cloexec = (arg & FD_CLOEXEC) !== 0; return 0;
    case F_GETFL: return slot.statusFlags;
    case F_SETFL: slot.statusFlags = (slot.statusFlags & 3) | (arg & ~3); return 0;
    case F_GETLK: case F_SETLK: case F_SETLKW: return 0;
    default: throw new SyscallError(EINVAL);
  }
}

/** sendfile(out, in, offset*, count), done as read + write through a host buffer. */
function sendfile(p: UserProcess, out: number, inFd: number, offAddr: number, count: number): number {
  const buf = new Uint8Array(Math.min(count, MAX_IO));
  let at: number | undefined;
  if (offAddr !== 0) at = readLong(p.mem, offAddr);
  const n = p.fds.read(inFd, buf, at);
  const w = n > 0 ? p.fds.write(out, buf.subarray(0, n)) : 0;
  if (offAddr !== 0 && at !== undefined) p.mem.write64(offAddr, Math.floor((at + w) / 4294967296), (at + w) >>> 0);
  return w;
}

export const ioSyscalls: SyscallTable = {
  read: (p, a) => doRead(p, a[0] | 0, a[1], a[2]),
  write: (p, a) => doWrite(p, a[0] | 0, a[1], a[2]),
  pread64: (p, a) => doRead(p, a[0] | 0, a[1], a[2], a[3]),
  pwrite64: (p, a) => doWrite(p, a[0] | 0, a[1], a[2], a[3]),
  readv: (p, a) => vector(p, a[1], a[2] | 0, (b, l) => doRead(p, a[0] | 0, b, l)),
  writev: (p, a) => vector(p, a[1], a[2] | 0, (b, l) => doWrite(p, a[0] | 0, b, l)),
  lseek: (p, a) => lseek(p, a[0] | 0, a[1], a[2] | 0),
  open: (p, a) => openFile(p, AT_FDCWD, a[0], a[1] | 0, a[2] | 0),
  openat: (p, a) => openFile(p, a[0] | 0, a[1], a[2] | 0, a[3] | 0),
  creat: (p, a) => openFile(p, AT_FDCWD, a[0], 0o1101, a[1] | 0),
  close: (p, a) => { p.fds.close(a[0] | 0); return 0; },
  dup: (p, a) => p.fds.dup(a[0] | 0, undefined, false),
  dup2: (p, a) => { p.fds.get(a[0] | 0); return p.fds.dup(a[0] | 0, a[1] | 0, false); },
  dup3: (p, a) => {
    if ((a[0] | 0) === (a[1] | 0)) throw new SyscallError(EINVAL);
    return p.fds.dup(a[0] | 0, a[1] | 0, (a[2] & O_CLOEXEC) !== 0);
  },
  pipe: (p, a) => pipe(p, a[0], 0),
  pipe2: (p, a) => pipe(p, a[0], a[1] | 0),
  fcntl: (p, a) => fcntl(p, a[0] | 0, a[1] | 0, a[2]),
  // No descriptor is a terminal to the guest: line discipline and window size stay the host's.
  ioctl: (p, a) => { p.fds.get(a[0] | 0); throw new SyscallError(ENOTTY); },
  fsync: (p, a) => { p.fds.get(a[0] | 0); return 0; },
  fdatasync: (p, a) => { p.fds.get(a[0] | 0); return 0; },
  ftruncate: (p, a) => {
    const f = p.fds.get(a[0] | 0);
    if (f.kind !== 'host') throw new SyscallError(EINVAL);
    fs.ftruncateSync(f.fd, a[1]);
    return 0;
  },
  sendfile: (p, a) => sendfile(p, a[0] | 0, a[1] | 0, a[2], a[3]),
  fadvise64: (p, a) => { p.fds.get(a[0] | 0); return 0; },
  close_range: () => 0,
};
