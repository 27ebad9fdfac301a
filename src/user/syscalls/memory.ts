// brk and the mmap family over the process's AddressSpace.
import * as fs from 'node:fs';
import { EINVAL, ENOMEM, SyscallError } from '../errno.js';
import { readLong } from '../guest-data.js';
import type { UserProcess } from '../process.js';
import { PAGE_SIZE } from '../address-space.js';
import type { SyscallTable } from './types.js';

const MAP_FIXED = 0x10;
const MAP_ANONYMOUS = 0x20;
const MAP_FIXED_NOREPLACE = 0x100000;
const MREMAP_MAYMOVE = 1;
const MREMAP_FIXED = 2;
const MADV_DONTNEED = 4;

/** s390x's mmap is the old one-argument form: r2 points at six longs (addr, len, prot, flags,
 *  fd, offset), because the s390 ABI passes only five arguments in registers for it. */
function mmap(p: UserProcess, args: number): number {
  const [addr, len, , flags, fd, off] = [0, 1, 2, 3, 4, 5].map((i) => readLong(p.mem, args + 8 * i));
  if (len <= 0 || off % PAGE_SIZE !== 0) throw new SyscallError(EINVAL);
  const fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) !== 0;
  const at = p.space.map(addr, len, fixed);
  if (at < 0) throw new SyscallError(ENOMEM);
  if ((flags & MAP_ANONYMOUS) === 0) {
    // A private copy of the file: enough for programs that map files to read them.
    const f = p.fds.get(fd | 0);
    if (f.kind !== 'host') throw new SyscallError(EINVAL);
    const buf = new Uint8Array(len);
    const n = fs.readSync(f.fd, buf, 0, len, off);
    p.mem.writeBytes(at, buf.subarray(0, n));
  }
  return at;
}

function mremap(p: UserProcess, a: readonly number[]): number {
  if ((a[3] & MREMAP_FIXED) !== 0) throw new SyscallError(EINVAL);
  const at = p.space.remap(a[0], a[1], a[2], (a[3] & MREMAP_MAYMOVE) !== 0);
  if (at < 0) throw new SyscallError(ENOMEM);
  return at;
}

export const memorySyscalls: SyscallTable = {
  brk: (p, a) => p.space.setBrk(a[0]),
  mmap: (p, a) => mmap(p, a[0]),
  munmap: (p, a) => {
    if (a[0] % PAGE_SIZE !== 0) throw new SyscallError(EINVAL);
    p.space.unmap(a[0], a[1]);
    return 0;
  },
  mremap: (p, a) => mremap(p, a),
  // No DAT in user mode: protection is not enforced, only accepted.
  mprotect: () => 0,
  madvise: (p, a) => {
    if ((a[2] | 0) === MADV_DONTNEED) p.mem.fill(a[0], a[1], 0);
    return 0;
  },
  msync: () => 0,
};
