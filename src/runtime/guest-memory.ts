// What instruction semantics see of storage: big-endian accesses at logical addresses. In user
// mode this is absolute storage itself (Storage); in system mode it is the MMU, which applies
// DAT, prefixing, and key, DAT and low-address protection before touching Storage.

export interface GuestMemory {
  /** Bits 0-31 of the last read64. */
  hi: number;
  /** Bits 32-63 of the last read64. */
  lo: number;
  read8(a: number): number;
  read16(a: number): number;
  /** Unsigned 32-bit value. */
  read32(a: number): number;
  readS32(a: number): number;
  /** Reads the doubleword at a into hi and lo (both signed 32-bit). */
  read64(a: number): void;
  write8(a: number, v: number): void;
  write16(a: number, v: number): void;
  write32(a: number, v: number): void;
  write64(a: number, hi: number, lo: number): void;
  /** Recognises any access exception for a .. a + len - 1 before an instruction changes state. */
  check(a: number, len: number): void;
  readBytes(a: number, len: number): Uint8Array;
  writeBytes(a: number, bytes: Uint8Array): void;
  fill(a: number, len: number, v: number): void;
  /** memmove semantics (as if through a buffer). */
  copy(dst: number, src: number, len: number): void;
}
