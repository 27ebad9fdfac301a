// Linux open(2) flag bits as the s390x kernel defines them (asm-generic/fcntl.h) and their
// translation to the host's, which node:fs passes through to the host open(2).
import { constants as C } from 'node:fs';

export const O_ACCMODE = 3;
export const O_WRONLY = 1;
export const O_RDWR = 2;
export const O_CREAT = 0o100;
export const O_EXCL = 0o200;
export const O_NOCTTY = 0o400;
export const O_TRUNC = 0o1000;
export const O_APPEND = 0o2000;
export const O_NONBLOCK = 0o4000;
export const O_DIRECTORY = 0o200000;
export const O_NOFOLLOW = 0o400000;
export const O_CLOEXEC = 0o2000000;

const PAIRS: readonly (readonly [number, number | undefined])[] = [
  [O_CREAT, C.O_CREAT], [O_EXCL, C.O_EXCL], [O_NOCTTY, C.O_NOCTTY], [O_TRUNC, C.O_TRUNC],
  [O_APPEND, C.O_APPEND], [O_NONBLOCK, C.O_NONBLOCK], [O_DIRECTORY, C.O_DIRECTORY],
  [O_NOFOLLOW, C.O_NOFOLLOW],
];

export function hostOpenFlags(guest: number): number {
  const acc = guest & O_ACCMODE;
  let host = acc === O_WRONLY ? C.O_WRONLY : acc === O_RDWR ? C.O_RDWR : C.O_RDONLY;
  for (const [g, h] of PAIRS) if ((guest & g) !== 0 && h !== undefined) host |= h;
  return host;
}
