// Program break and mmap bookkeeping over flat guest storage.
import { describe, expect, it } from 'vitest';
import { createStateMemory } from '../../src/runtime/state.js';
import { Storage } from '../../src/runtime/storage.js';
import { AddressSpace, PAGE_SIZE } from '../../src/user/address-space.js';

function space() {
  const mem = new Storage(createStateMemory(16 << 20));
  return { mem, as: new AddressSpace(mem, 0x100123, 12 << 20) };
}

describe('AddressSpace', () => {
  it('starts the break at the page after the image and zeroes what it grows', () => {
    const { mem, as } = space();
    expect(as.brk).toBe(0x101000);
    mem.write8(0x101000, 0xaa);
    expect(as.setBrk(0x103000)).toBe(0x103000);
    expect(mem.read8(0x101000)).toBe(0);
    expect(as.setBrk(0x1000)).toBe(0x103000);
  });

  it('places mappings top-down, reuses freed gaps and zeroes them', () => {
    const { mem, as } = space();
    const a = as.map(0, 3 * PAGE_SIZE, false);
    const b = as.map(0, PAGE_SIZE, false);
    expect(a).toBe((12 << 20) - 3 * PAGE_SIZE);
    expect(b).toBe(a - PAGE_SIZE);
    mem.write8(a, 5);
    as.unmap(a, 3 * PAGE_SIZE);
    expect(as.map(0, 2 * PAGE_SIZE, false)).toBe((12 << 20) - 2 * PAGE_SIZE);
    expect(mem.read8((12 << 20) - 2 * PAGE_SIZE)).toBe(0);
  });

  it('grows in place when the next pages are free, else moves and copies', () => {
    const { mem, as } = space();
    const a = as.map(0, PAGE_SIZE, false);
    const b = as.map(0, PAGE_SIZE, false);
    mem.write8(b, 9);
    expect(as.remap(b, PAGE_SIZE, 2 * PAGE_SIZE, true)).not.toBe(b);
    const c = as.map(0, PAGE_SIZE, false);
    expect(c).toBe(b);
    expect(as.remap(c, PAGE_SIZE, 2 * PAGE_SIZE, false)).toBe(-1);
    as.unmap(a, PAGE_SIZE);
    expect(as.remap(c, PAGE_SIZE, 2 * PAGE_SIZE, false)).toBe(c);
  });

  it('refuses a break that would run into a mapping', () => {
    const { as } = space();
    const low = as.map(0x200000, PAGE_SIZE, true);
    expect(low).toBe(0x200000);
    expect(as.setBrk(0x201000)).toBe(as.brk);
    expect(as.setBrk(0x1ff000)).toBe(0x1ff000);
  });
});
