// File-system syscalls on host paths: the stat family, directory listing, links, permissions,
// the working directory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EINVAL, ENOTDIR, ERANGE, SyscallError } from '../errno.js';
import { readCString, readLong, Struct } from '../guest-data.js';
import type { UserProcess } from '../process.js';
import { AT_FDCWD } from './io.js';
import type { SyscallTable } from './types.js';

const AT_SYMLINK_NOFOLLOW = 0x100;
const AT_REMOVEDIR = 0x200;
const AT_EMPTY_PATH = 0x1000;
const UTIME_NOW = (1 << 30) - 1;
const UTIME_OMIT = (1 << 30) - 2;

function pathArg(p: UserProcess, dirfd: number, addr: number): string {
  return p.resolve(dirfd, readCString(p.mem, addr));
}

/** stat of a path, or of dirfd itself with AT_EMPTY_PATH and an empty path. */
/** The fields of a host stat that the guest structures carry. */
type StatInfo = Pick<fs.BigIntStats, 'dev' | 'ino' | 'nlink' | 'mode' | 'uid' | 'gid' | 'rdev' | 'size' |
  'blksize' | 'blocks' | 'atimeNs' | 'mtimeNs' | 'ctimeNs' | 'birthtimeNs'>;

function statAt(p: UserProcess, dirfd: number, addr: number, flags: number): StatInfo {
  const name = readCString(p.mem, addr);
  if (name === '' && (flags & AT_EMPTY_PATH) !== 0) return fstat(p, dirfd);
  const full = p.resolve(dirfd, name);
  return (flags & AT_SYMLINK_NOFOLLOW) !== 0 ? fs.lstatSync(full, { bigint: true }) : fs.statSync(full, { bigint: true });
}

function fstat(p: UserProcess, fd: number): StatInfo {
  const f = p.fds.get(fd);
  if (f.kind === 'host') return fs.fstatSync(f.fd, { bigint: true });
  // A guest pipe: a FIFO owned by the user, nothing else known.
  const now = BigInt(Date.now()) * 1000000n;
  return {
    dev: 0n, ino: 1n, nlink: 1n, mode: 0o10600n, uid: BigInt(p.ids.uid), gid: BigInt(p.ids.gid), rdev: 0n,
    size: 0n, blksize: 4096n, blocks: 0n, atimeNs: now, mtimeNs: now, ctimeNs: now, birthtimeNs: now,
  };
}

/** struct stat of s390x (arch/s390/include/uapi/asm/stat.h), 144 bytes. */
function storeStat(p: UserProcess, addr: number, st: StatInfo): number {
  new Struct(144)
    .u64(0, st.dev).u64(8, st.ino).u64(16, st.nlink)
    .u32(24, Number(st.mode)).u32(28, Number(st.uid)).u32(32, Number(st.gid))
    .u64(40, st.rdev).u64(48, st.size)
    .u64(56, st.atimeNs / 1000000000n).u64(64, st.atimeNs % 1000000000n)
    .u64(72, st.mtimeNs / 1000000000n).u64(80, st.mtimeNs % 1000000000n)
    .u64(88, st.ctimeNs / 1000000000n).u64(96, st.ctimeNs % 1000000000n)
    .u64(104, st.blksize).u64(112, st.blocks)
    .store(p.mem, addr);
  return 0;
}

/** struct statx (include/uapi/linux/stat.h), 256 bytes; all basic fields are always valid. */
function storeStatx(p: UserProcess, addr: number, st: StatInfo): number {
  const STATX_BASIC_STATS = 0x7ff;
  const s = new Struct(256)
    .u32(0, STATX_BASIC_STATS).u32(4, Number(st.blksize)).u32(16, Number(st.nlink))
    .u32(20, Number(st.uid)).u32(24, Number(st.gid)).u16(28, Number(st.mode))
    .u64(32, st.ino).u64(40, st.size).u64(48, st.blocks);
  const times: [number, bigint][] = [[64, st.atimeNs], [80, st.birthtimeNs], [96, st.ctimeNs], [112, st.mtimeNs]];
  for (const [off, ns] of times) s.u64(off, ns / 1000000000n).u32(off + 8, Number(ns % 1000000000n));
  s.u32(128, Number(st.rdev >> 8n) & 0xfff).u32(132, Number((st.rdev & 0xffn) | ((st.rdev >> 12n) & ~0xffn)))
    .u32(136, Number(st.dev >> 8n) & 0xfff).u32(140, Number((st.dev & 0xffn) | ((st.dev >> 12n) & ~0xffn)))
    .store(p.mem, addr);
  return 0;
}

const DT_BY_KIND: [keyof fs.Dirent, number][] = [
  ['isFIFO', 1], ['isCharacterDevice', 2], ['isDirectory', 4], ['isBlockDevice', 6], ['isFile', 8],
  ['isSymbolicLink', 10], ['isSocket', 12],
];

function direntType(d: fs.Dirent): number {
  for (const [m, t] of DT_BY_KIND) if ((d[m] as () => boolean).call(d)) return t;
  return 0;
}

/** getdents64: struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }. */
function getdents64(p: UserProcess, fd: number, buf: number, count: number): number {
  const f = p.fds.get(fd);
  if (f.kind !== 'host' || !f.isDir) throw new SyscallError(ENOTDIR);
  if (!f.dirEntries) {
    const self = fs.statSync(f.path, { bigint: true });
    const parent = fs.statSync(path.dirname(f.path), { bigint: true });
    f.dirEntries = [
      { name: '.', ino: self.ino, type: 4 },
      { name: '..', ino: parent.ino, type: 4 },
      ...fs.readdirSync(f.path, { withFileTypes: true }).map((d) => ({
        name: d.name,
        ino: fs.lstatSync(path.join(f.path, d.name), { bigint: true }).ino,
        type: direntType(d),
      })),
    ];
  }
  const enc = new TextEncoder();
  const out: Uint8Array[] = [];
  let used = 0;
  while (f.dirPos < f.dirEntries.length) {
    const e = f.dirEntries[f.dirPos];
    const name = enc.encode(e.name);
    const reclen = (19 + name.length + 1 + 7) & ~7;
    if (used + reclen > count) break;
    const s = new Struct(reclen).u64(0, e.ino).u64(8, f.dirPos + 1).u16(16, reclen);
    s.bytes[18] = e.type;
    s.bytes.set(name, 19);
    out.push(s.bytes);
    used += reclen;
    f.dirPos++;
  }
  if (used === 0 && f.dirPos < f.dirEntries.length) throw new SyscallError(EINVAL);
  let at = buf;
  for (const b of out) {
    p.mem.writeBytes(at, b);
    at += b.length;
  }
  return used;
}

function readlink(p: UserProcess, dirfd: number, addr: number, buf: number, size: number): number {
  const target = new TextEncoder().encode(fs.readlinkSync(pathArg(p, dirfd, addr)));
  const n = Math.min(target.length, size);
  p.mem.writeBytes(buf, target.subarray(0, n));
  return n;
}

function access(p: UserProcess, dirfd: number, addr: number, mode: number): number {
  fs.accessSync(pathArg(p, dirfd, addr), mode & 7);
  return 0;
}

function getcwd(p: UserProcess, buf: number, size: number): number {
  const bytes = new TextEncoder().encode(p.cwd + '\0');
  if (bytes.length > size) throw new SyscallError(ERANGE);
  p.mem.writeBytes(buf, bytes);
  return bytes.length;
}

function chdir(p: UserProcess, target: string): number {
  if (!fs.statSync(target).isDirectory()) throw new SyscallError(ENOTDIR);
  p.cwd = target;
  return 0;
}

function unlinkAt(p: UserProcess, dirfd: number, addr: number, flags: number): number {
  const target = pathArg(p, dirfd, addr);
  if ((flags & AT_REMOVEDIR) !== 0) fs.rmdirSync(target);
  else fs.unlinkSync(target);
  return 0;
}

/** utimensat(dirfd, path, times[2], flags): timespec pairs; UTIME_NOW and UTIME_OMIT honoured. */
function utimensat(p: UserProcess, dirfd: number, addr: number, times: number, flags: number): number {
  const target = addr === 0 ? p.fdPath(dirfd) : p.resolve(dirfd, readCString(p.mem, addr));
  const st = fs.statSync(target);
  const now = Date.now() / 1000;
  const pick = (i: number, old: number): number => {
    if (times === 0) return now;
    const nsec = readLong(p.mem, times + 16 * i + 8);
    if (nsec === UTIME_NOW) return now;
    if (nsec === UTIME_OMIT) return old;
    return readLong(p.mem, times + 16 * i) + nsec / 1e9;
  };
  const atime = pick(0, st.atimeMs / 1000);
  const mtime = pick(1, st.mtimeMs / 1000);
  if ((flags & AT_SYMLINK_NOFOLLOW) !== 0) fs.lutimesSync(target, atime, mtime);
  else fs.utimesSync(target, atime, mtime);
  return 0;
}

/** struct statfs of s390x: f_type, f_bsize are 32-bit there, the counts 64-bit. */
function statfs(p: UserProcess, target: string, buf: number): number {
  const s = fs.statfsSync(target, { bigint: true });
  new Struct(88)
    .u32(0, Number(s.type)).u32(4, Number(s.bsize)).u64(8, s.blocks).u64(16, s.bfree).u64(24, s.bavail)
    .u64(32, s.files).u64(40, s.ffree).u32(56, 255).u32(60, Number(s.bsize))
    .store(p.mem, buf);
  return 0;
}

export const fileSyscalls: SyscallTable = {
  stat: (p, a) => storeStat(p, a[1], statAt(p, AT_FDCWD, a[0], 0)),
  lstat: (p, a) => storeStat(p, a[1], statAt(p, AT_FDCWD, a[0], AT_SYMLINK_NOFOLLOW)),
  fstat: (p, a) => storeStat(p, a[1], fstat(p, a[0] | 0)),
  newfstatat: (p, a) => storeStat(p, a[2], statAt(p, a[0] | 0, a[1], a[3] | 0)),
  statx: (p, a) => storeStatx(p, a[4], statAt(p, a[0] | 0, a[1], a[2] | 0)),
  getdents64: (p, a) => getdents64(p, a[0] | 0, a[1], a[2]),
  readlink: (p, a) => readlink(p, AT_FDCWD, a[0], a[1], a[2]),
  readlinkat: (p, a) => readlink(p, a[0] | 0, a[1], a[2], a[3]),
  access: (p, a) => access(p, AT_FDCWD, a[0], a[1] | 0),
  faccessat: (p, a) => access(p, a[0] | 0, a[1], a[2] | 0),
  faccessat2: (p, a) => access(p, a[0] | 0, a[1], a[2] | 0),
  getcwd: (p, a) => getcwd(p, a[0], a[1]),
  chdir: (p, a) => chdir(p, pathArg(p, AT_FDCWD, a[0])),
  fchdir: (p, a) => chdir(p, p.fdPath(a[0] | 0)),
  mkdir: (p, a) => { fs.mkdirSync(pathArg(p, AT_FDCWD, a[0]), (a[1] & 0o7777) & ~p.umask); return 0; },
  mkdirat: (p, a) => { fs.mkdirSync(pathArg(p, a[0] | 0, a[1]), (a[2] & 0o7777) & ~p.umask); return 0; },
  rmdir: (p, a) => { fs.rmdirSync(pathArg(p, AT_FDCWD, a[0])); return 0; },
  unlink: (p, a) => unlinkAt(p, AT_FDCWD, a[0], 0),
  unlinkat: (p, a) => unlinkAt(p, a[0] | 0, a[1], a[2] | 0),
  rename: (p, a) => { fs.renameSync(pathArg(p, AT_FDCWD, a[0]), pathArg(p, AT_FDCWD, a[1])); return 0; },
  renameat: (p, a) => { fs.renameSync(pathArg(p, a[0] | 0, a[1]), pathArg(p, a[2] | 0, a[3])); return 0; },
  renameat2: (p, a) => {
    if ((a[4] | 0) !== 0) throw new SyscallError(EINVAL);
    fs.renameSync(pathArg(p, a[0] | 0, a[1]), pathArg(p, a[2] | 0, a[3]));
    return 0;
  },
  link: (p, a) => { fs.linkSync(pathArg(p, AT_FDCWD, a[0]), pathArg(p, AT_FDCWD, a[1])); return 0; },
  linkat: (p, a) => { fs.linkSync(pathArg(p, a[0] | 0, a[1]), pathArg(p, a[2] | 0, a[3])); return 0; },
  symlink: (p, a) => { fs.symlinkSync(readCString(p.mem, a[0]), pathArg(p, AT_FDCWD, a[1])); return 0; },
  symlinkat: (p, a) => { fs.symlinkSync(readCString(p.mem, a[0]), pathArg(p, a[1] | 0, a[2])); return 0; },
  chmod: (p, a) => { fs.chmodSync(pathArg(p, AT_FDCWD, a[0]), a[1] & 0o7777); return 0; },
  fchmodat: (p, a) => { fs.chmodSync(pathArg(p, a[0] | 0, a[1]), a[2] & 0o7777); return 0; },
  fchmod: (p, a) => { fs.chmodSync(p.fdPath(a[0] | 0), a[1] & 0o7777); return 0; },
  chown: () => 0,
  lchown: () => 0,
  fchown: () => 0,
  fchownat: () => 0,
  utimensat: (p, a) => utimensat(p, a[0] | 0, a[1], a[2], a[3] | 0),
  umask: (p, a) => { const old = p.umask; p.umask = a[0] & 0o777; return old; },
  statfs: (p, a) => statfs(p, pathArg(p, AT_FDCWD, a[0]), a[1]),
  fstatfs: (p, a) => statfs(p, p.fdPath(a[0] | 0), a[1]),
};
