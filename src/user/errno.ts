// Linux errno values (asm-generic, which s390x uses) and the mapping from Node's error codes.

export const EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ENXIO = 6, E2BIG = 7, ENOEXEC = 8,
  EBADF = 9, ECHILD = 10, EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14, EBUSY = 16, EEXIST = 17,
  EXDEV = 18, ENODEV = 19, ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENFILE = 23, EMFILE = 24, ENOTTY = 25,
  EFBIG = 27, ENOSPC = 28, ESPIPE = 29, EROFS = 30, EMLINK = 31, EPIPE = 32, EDOM = 33, ERANGE = 34,
  ENAMETOOLONG = 36, ENOSYS = 38, ENOTEMPTY = 39, ELOOP = 40, ENOTSUP = 95;

const BY_CODE: Record<string, number> = {
  EPERM, ENOENT, ESRCH, EINTR, EIO, ENXIO, E2BIG, ENOEXEC, EBADF, ECHILD, EAGAIN, ENOMEM, EACCES,
  EFAULT, EBUSY, EEXIST, EXDEV, ENODEV, ENOTDIR, EISDIR, EINVAL, ENFILE, EMFILE, ENOTTY, EFBIG, ENOSPC,
  ESPIPE, EROFS, EMLINK, EPIPE, EDOM, ERANGE, ENAMETOOLONG, ENOSYS, ENOTEMPTY, ELOOP, ENOTSUP,
  EOPNOTSUPP: ENOTSUP, EWOULDBLOCK: EAGAIN,
};

/** A syscall failure carrying the Linux errno; handlers throw it, the dispatcher returns -errno. */
export class SyscallError extends Error {
  constructor(readonly errno: number) {
    super(`errno ${errno}`);
  }
}

/** -errno for a host error thrown by node:fs; anything else is a bug in the emulator and rethrown. */
export function hostErrno(e: unknown): number {
  if (e instanceof SyscallError) return -e.errno;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && code in BY_CODE) return -BY_CODE[code];
  if (typeof code === 'string') return -EIO;
  throw e;
}
