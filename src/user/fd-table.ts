// The process's file descriptors. Host files and the standard streams are host descriptors used
// through node:fs; pipes created by the guest live in this process (user mode has no fork, so
// both ends belong to the one guest process).
import * as fs from 'node:fs';
import { EAGAIN, EBADF, EISDIR, EMFILE, EPIPE, ESPIPE, SyscallError } from './errno.js';
import { O_APPEND } from './open-flags.js';

export interface PipeBuffer {
  chunks: Uint8Array[];
  readers: number;
  writers: number;
}

export interface HostFile {
  kind: 'host';
  fd: number;
  /** Absolute host path (for directories: where getdents64 lists from). */
  path: string;
  isDir: boolean;
  /** File offset for seekable files, kept here because node:fs has no lseek; null where the
   *  host descriptor keeps its own (inherited streams, pipes, terminals). */
  pos: number | null;
  /** Directory listing taken at the first getdents64, and how far the guest has read it. */
  dirEntries?: { name: string; ino: bigint; type: number }[];
  dirPos: number;
  ownsFd: boolean;
}

export type OpenFile =
  | HostFile
  | { kind: 'pipe-read'; pipe: PipeBuffer }
  | { kind: 'pipe-write'; pipe: PipeBuffer };

interface Slot {
  file: OpenFile;
  /** Shared between dup'ed descriptors, as the open file description is in Linux. */
  refs: { n: number };
  cloexec: boolean;
  statusFlags: number;
}

const MAX_FDS = 1024;

export class FdTable {
  private readonly slots: (Slot | undefined)[] = [];

  /** @param stdio host descriptors for guest descriptors 0, 1 and 2; they stay open at exit. */
  constructor(stdio: readonly [number, number, number]) {
    stdio.forEach((hostFd, fd) => {
      const file: OpenFile = { kind: 'host', fd: hostFd, path: `/dev/fd/${hostFd}`, isDir: false, pos: null, dirPos: 0, ownsFd: false };
      this.slots[fd] = { file, refs: { n: 1 }, cloexec: false, statusFlags: fd === 0 ? 0 : 1 };
    });
  }

  get(fd: number): OpenFile {
    const s = fd >= 0 ? this.slots[fd] : undefined;
    if (!s) throw new SyscallError(EBADF);
    return s.file;
  }

  slot(fd: number): Slot {
    const s = fd >= 0 ? this.slots[fd] : undefined;
    if (!s) throw new SyscallError(EBADF);
    return s;
  }

  /** Installs file at the lowest free descriptor >= min. */
  add(file: OpenFile, statusFlags: number, cloexec: boolean, min = 0): number {
    const fd = this.lowestFree(min);
    this.slots[fd] = { file, refs: { n: 1 }, cloexec, statusFlags };
    this.opened(file);
    return fd;
  }

  /** dup2/dup3/F_DUPFD: newfd (or the lowest free >= min) refers to the same open file as oldfd. */
  dup(oldfd: number, newfd: number | undefined, cloexec: boolean, min = 0): number {
    const s = this.slot(oldfd);
    const fd = newfd ?? this.lowestFree(min);
    if (fd === oldfd) return fd;
    if (this.slots[fd]) this.close(fd);
    s.refs.n++;
    this.slots[fd] = { file: s.file, refs: s.refs, cloexec, statusFlags: s.statusFlags };
    this.opened(s.file);
    return fd;
  }

  close(fd: number): void {
    const s = this.slot(fd);
    this.slots[fd] = undefined;
    if (s.file.kind === 'pipe-read') s.file.pipe.readers--;
    if (s.file.kind === 'pipe-write') s.file.pipe.writers--;
    if (--s.refs.n === 0 && s.file.kind === 'host' && s.file.ownsFd) fs.closeSync(s.file.fd);
  }

  /** read(2), or pread(2) when at is given. */
  read(fd: number, buf: Uint8Array, at?: number): number {
    const f = this.get(fd);
    if (f.kind === 'pipe-write') throw new SyscallError(EBADF);
    if (f.kind === 'pipe-read') {
      if (at !== undefined) throw new SyscallError(ESPIPE);
      return readPipe(f.pipe, buf);
    }
    if (f.isDir) throw new SyscallError(EISDIR);
    if (at !== undefined) return readHost(f.fd, buf, at);
    const n = readHost(f.fd, buf, f.pos);
    if (f.pos !== null) f.pos += n;
    return n;
  }

  /** write(2), or pwrite(2) when at is given. */
  write(fd: number, buf: Uint8Array, at?: number): number {
    const f = this.get(fd);
    if (f.kind === 'pipe-read') throw new SyscallError(EBADF);
    if (f.kind === 'pipe-write') {
      if (at !== undefined) throw new SyscallError(ESPIPE);
      if (f.pipe.readers === 0) throw new SyscallError(EPIPE);
      f.pipe.chunks.push(buf.slice());
      return buf.length;
    }
    if (at !== undefined) return writeAll(f.fd, buf, at);
    const append = (this.slot(fd).statusFlags & O_APPEND) !== 0;
    const n = writeAll(f.fd, buf, append ? null : f.pos);
    if (f.pos !== null) f.pos = append ? fs.fstatSync(f.fd).size : f.pos + n;
    return n;
  }

  private opened(file: OpenFile): void {
    if (file.kind === 'pipe-read') file.pipe.readers++;
    if (file.kind === 'pipe-write') file.pipe.writers++;
  }

  private lowestFree(min: number): number {
    for (let fd = min; fd < MAX_FDS; fd++) if (!this.slots[fd]) return fd;
    throw new SyscallError(EMFILE);
  }
}

function readPipe(p: PipeBuffer, buf: Uint8Array): number {
  if (p.chunks.length === 0) {
    // Nobody else can write while this process waits, so an empty pipe with a writer would block forever.
    if (p.writers > 0) throw new SyscallError(EAGAIN);
    return 0;
  }
  let n = 0;
  while (n < buf.length && p.chunks.length) {
    const c = p.chunks[0];
    const take = Math.min(c.length, buf.length - n);
    buf.set(c.subarray(0, take), n);
    n += take;
    if (take === c.length) p.chunks.shift();
    else p.chunks[0] = c.subarray(take);
  }
  return n;
}

/** A host read; a non-blocking host stdin reports EAGAIN, and the guest expects read(2) to block. */
function readHost(fd: number, buf: Uint8Array, position: number | null): number {
  for (;;) {
    try {
      return fs.readSync(fd, buf, 0, buf.length, position);
    } catch (e) {
      if ((e as { code?: string }).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

/** Host writes can be partial on pipes and terminals; the guest expects write(2) to finish a
 *  blocking write, and EAGAIN on a non-blocking host stdout is retried rather than surfaced. */
function writeAll(fd: number, buf: Uint8Array, position: number | null): number {
  let done = 0;
  while (done < buf.length) {
    try {
      done += fs.writeSync(fd, buf, done, buf.length - done, position === null ? null : position + done);
    } catch (e) {
      if ((e as { code?: string }).code === 'EAGAIN') continue;
      if (done > 0) return done;
      throw e;
    }
  }
  return done;
}
