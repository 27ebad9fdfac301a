// Moving syscall data between guest storage and the host: C strings, paths, and big-endian
// structures built in a host buffer and stored in one piece.
import type { Storage } from '../runtime/storage.js';
import { ENAMETOOLONG, SyscallError } from './errno.js';

const PATH_MAX = 4096;
const utf8 = new TextDecoder();

export function readCString(mem: Storage, addr: number, max = PATH_MAX): string {
  const bytes: number[] = [];
  for (let a = addr; ; a++) {
    const b = mem.read8(a);
    if (b === 0) break;
    if (bytes.length >= max) throw new SyscallError(ENAMETOOLONG);
    bytes.push(b);
  }
  return utf8.decode(new Uint8Array(bytes));
}

/** A big-endian structure being assembled for the guest. */
export class Struct {
  readonly bytes: Uint8Array;
  private readonly view: DataView;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  u16(off: number, v: number): this {
    this.view.setUint16(off, v, false);
    return this;
  }

  u32(off: number, v: number): this {
    this.view.setUint32(off, v >>> 0, false);
    return this;
  }

  /** A 64-bit field from a non-negative or negative JS integer (|v| < 2^53) or a BigInt. */
  u64(off: number, v: number | bigint): this {
    this.view.setBigUint64(off, BigInt.asUintN(64, typeof v === 'bigint' ? v : BigInt(v)), false);
    return this;
  }

  str(off: number, s: string, size: number): this {
    const e = new TextEncoder().encode(s).subarray(0, size - 1);
    this.bytes.set(e, off);
    return this;
  }

  store(mem: Storage, addr: number): void {
    mem.writeBytes(addr, this.bytes);
  }
}

/** A guest C long (signed doubleword) as a JS number: pointers, sizes, timespec fields. */
export function readLong(mem: Storage, addr: number): number {
  mem.read64(addr);
  return mem.hi * 4294967296 + (mem.lo >>> 0);
}
