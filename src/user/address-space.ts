// The user process's view of guest storage: the program break and the mmap areas. User mode runs
// without DAT, so "mapping" means bookkeeping over flat storage: the program break grows up from
// the end of the loaded image, mappings are placed top-down below the stack like Linux's default
// layout, and every page handed out again is zeroed first because the program may have used it.
import type { Storage } from '../runtime/storage.js';

export const PAGE_SIZE = 4096;

export function pageUp(n: number): number {
  return Math.ceil(n / PAGE_SIZE) * PAGE_SIZE;
}

interface Range {
  start: number;
  end: number;
}

export class AddressSpace {
  brkStart: number;
  brk: number;
  /** Mapped ranges, sorted by start, never overlapping. */
  private readonly maps: Range[] = [];

  /**
   * @param imageEnd first byte after the highest loaded segment (end of .bss)
   * @param mmapTop first byte above the mmap area (the stack guard)
   */
  constructor(
    private readonly storage: Storage,
    imageEnd: number,
    private readonly mmapTop: number,
  ) {
    this.brkStart = pageUp(imageEnd);
    this.brk = this.brkStart;
  }

  /** brk(2): returns the new break, or the old one when the request cannot be met. */
  setBrk(want: number): number {
    if (want < this.brkStart) return this.brk;
    const end = pageUp(want);
    if (end > this.lowestMapStart()) return this.brk;
    if (want > this.brk) this.storage.fill(this.brk, want - this.brk, 0);
    this.brk = want;
    return this.brk;
  }

  /** Reserves len bytes (page-rounded) at addr when fixed, else the highest free gap. Returns the
   *  address or -1 when storage is exhausted. The pages are zeroed. */
  map(addr: number, len: number, fixed: boolean): number {
    const size = pageUp(len);
    if (size === 0) return -1;
    let start: number;
    if (fixed) {
      if (addr % PAGE_SIZE !== 0 || addr + size > this.mmapTop || addr < pageUp(this.brk)) return -1;
      this.unmap(addr, size);
      start = addr;
    } else {
      start = this.findGap(size);
      if (start < 0) return -1;
    }
    this.insert({ start, end: start + size });
    this.storage.fill(start, size, 0);
    return start;
  }

  /** Forgets any mapping inside [addr, addr + len). */
  unmap(addr: number, len: number): void {
    const end = addr + pageUp(len);
    for (let i = this.maps.length - 1; i >= 0; i--) {
      const r = this.maps[i];
      if (r.end <= addr || r.start >= end) continue;
      const pieces: Range[] = [];
      if (r.start < addr) pieces.push({ start: r.start, end: addr });
      if (r.end > end) pieces.push({ start: end, end: r.end });
      this.maps.splice(i, 1, ...pieces);
    }
  }

  /** mremap(2): grows or shrinks in place when possible, else moves (when allowed) and copies.
   *  Returns the new address or -1. */
  remap(addr: number, oldLen: number, newLen: number, mayMove: boolean): number {
    const oldSize = pageUp(oldLen);
    const newSize = pageUp(newLen);
    if (newSize <= oldSize) {
      this.unmap(addr + newSize, oldSize - newSize);
      return addr;
    }
    if (this.isFree(addr + oldSize, newSize - oldSize)) {
      this.insert({ start: addr + oldSize, end: addr + newSize });
      this.storage.fill(addr + oldSize, newSize - oldSize, 0);
      return addr;
    }
    if (!mayMove) return -1;
    const to = this.findGap(newSize);
    if (to < 0) return -1;
    this.insert({ start: to, end: to + newSize });
    this.storage.copy(to, addr, oldSize);
    this.storage.fill(to + oldSize, newSize - oldSize, 0);
    this.unmap(addr, oldSize);
    return to;
  }

  private lowestMapStart(): number {
    return this.maps.length ? this.maps[0].start : this.mmapTop;
  }

  private isFree(start: number, size: number): boolean {
    if (start < pageUp(this.brk) || start + size > this.mmapTop) return false;
    return this.maps.every((r) => r.end <= start || r.start >= start + size);
  }

  private findGap(size: number): number {
    let ceiling = this.mmapTop;
    for (let i = this.maps.length - 1; i >= 0; i--) {
      const r = this.maps[i];
      if (ceiling - r.end >= size) return ceiling - size;
      ceiling = r.start;
    }
    const floor = pageUp(this.brk);
    return ceiling - floor >= size ? ceiling - size : -1;
  }

  private insert(r: Range): void {
    let i = 0;
    while (i < this.maps.length && this.maps[i].start < r.start) i++;
    this.maps.splice(i, 0, r);
  }
}
