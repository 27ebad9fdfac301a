import { describe, expect, test } from 'vitest';
import { Pic } from '../../src/runtime/interruption.js';
import { pic } from '../support/pic.js';
import { createStateMemory, STORAGE_BASE } from '../../src/runtime/state.js';
import { Storage } from '../../src/runtime/storage.js';

function make(size = 8192): Storage {
  return new Storage(createStateMemory(size));
}

function addressingCode(f: () => unknown): number | undefined {
  const code = pic(f);
  return code === -1 ? undefined : code;
}

describe('storage', () => {
  test('big-endian values round-trip at unaligned addresses', () => {
    const s = make();
    s.write32(5, 0x11223344);
    expect(s.read32(5)).toBe(0x11223344);
    expect([...s.readBytes(5, 4)]).toEqual([0x11, 0x22, 0x33, 0x44]);
    expect(s.read16(6)).toBe(0x2233);
    expect(s.read8(8)).toBe(0x44);
    s.write64(11, 0x8899aabb | 0, 0xccddeeff | 0);
    s.read64(11);
    expect([s.hi >>> 0, s.lo >>> 0]).toEqual([0x8899aabb, 0xccddeeff]);
    expect([...s.readBytes(11, 8)]).toEqual([0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff]);
    expect(s.readS32(11)).toBe(0x8899aabb | 0);
  });

  test('guest byte a sits at host offset top - a', () => {
    const state = createStateMemory(4096);
    const s = new Storage(state);
    s.writeBytes(0, new Uint8Array([1, 2, 3]));
    const host = new Uint8Array(state.memory.buffer);
    const top = STORAGE_BASE + 4096 - 1;
    expect([host[top], host[top - 1], host[top - 2]]).toEqual([1, 2, 3]);
    expect(s.hostOffset(0, 4)).toBe(top - 3);
  });

  test('copy, fill and byte strings keep guest order', () => {
    const s = make();
    s.writeBytes(100, new Uint8Array([1, 2, 3, 4, 5]));
    s.copy(200, 100, 5);
    expect([...s.readBytes(200, 5)]).toEqual([1, 2, 3, 4, 5]);
    s.copy(101, 100, 4);
    expect([...s.readBytes(100, 5)]).toEqual([1, 1, 2, 3, 4]);
    s.fill(300, 3, 0xab);
    expect([...s.readBytes(299, 5)]).toEqual([0, 0xab, 0xab, 0xab, 0]);
  });

  test('every access beyond storage is an addressing exception, never a host error', () => {
    const s = make(4096);
    for (const f of [
      () => s.read8(4096), () => s.read16(4095), () => s.read32(4093), () => s.read64(4089),
      () => s.write8(4096, 0), () => s.write16(4095, 0), () => s.write32(4093, 0), () => s.write64(4089, 0, 0),
      () => s.readBytes(4090, 7), () => s.writeBytes(4095, new Uint8Array(2)), () => s.fill(0, 4097, 0),
      () => s.copy(0, 4000, 100), () => s.read32(2 ** 52), () => s.read8(Number.NaN),
    ]) {
      expect(addressingCode(f)).toBe(Pic.Addressing);
    }
    expect(addressingCode(() => s.read32(4092))).toBeUndefined();
  });

  test('stores to a page holding code call the hooks once and clear the mark', () => {
    const s = make();
    const pages: number[] = [];
    s.onCodeWrite((p) => pages.push(p));
    s.codePages[1] = 1;
    s.write32(4094, 0);
    s.write8(4096, 0);
    expect(pages).toEqual([1]);
    expect(s.codePages[1]).toBe(0);
  });
});
