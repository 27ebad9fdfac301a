// STIDP and STSI: the fields at the offsets Linux's sysinfo.h and early.c read.
import { describe, expect, test } from 'vitest';
import { fromEbcdic, toEbcdic } from '../../src/runtime/ebcdic.js';
import { pic } from '../support/pic.js';
import {
  CURRENT_LEVEL, MACHINE_TYPE, SYSIB_SIZE, executeStsi, stidp, stsi, type MachineConfig,
} from '../../src/runtime/machine-id.js';

const cfg: MachineConfig = { cpus: 3, machineName: 'guest01' };

function sysib(fc: number, s1: number, s2: number, cpu = 0, c = cfg): { b: Uint8Array; dv: DataView } {
  const b = stsi(fc, s1, s2, cpu, c);
  if (!(b instanceof Uint8Array)) throw new Error(`stsi ${fc}.${s1}.${s2} returned ${String(b)}`);
  return { b, dv: new DataView(b.buffer, b.byteOffset) };
}
const text = (b: Uint8Array, off: number, len: number): string => fromEbcdic(b.subarray(off, off + len));

describe('ebcdic', () => {
  test('CP037 letters, digits and blank padding', () => {
    expect([...toEbcdic('Az09 ', 6)]).toEqual([0xc1, 0xa9, 0xf0, 0xf9, 0x40, 0x40]);
    expect(fromEbcdic(toEbcdic('KVM/Linux', 16))).toBe('KVM/Linux       ');
  });
  test('unmapped characters and overlong text are rejected', () => {
    expect(() => toEbcdic('a$b', 8)).toThrow(RangeError);
    expect(() => toEbcdic('123456789', 8)).toThrow(RangeError);
  });
});

describe('stidp', () => {
  test('version, identification with the CPU address, machine type, format 0', () => {
    const [hi, lo] = stidp(5);
    expect(hi >>> 24).toBe(0);
    expect((hi >>> 16) & 0xff).toBe(5);
    expect(lo >>> 16).toBe(0x2097);
    expect(lo & 0xffff).toBe(0);
    expect(stidp(0)[0]).not.toBe(hi);
  });
});

describe('stsi', () => {
  test('fc 0 reports the current level; unsupported combinations are null', () => {
    expect(stsi(0, 0, 0, 0, cfg)).toBe('current-level');
    expect(CURRENT_LEVEL).toBe(3);
    for (const [fc, s1, s2] of [[1, 1, 2], [1, 3, 1], [2, 1, 1], [3, 2, 1], [3, 1, 1], [4, 1, 1], [15, 1, 2], [1, 0, 0]]) {
      expect(stsi(fc!, s1!, s2!, 0, cfg), `${fc}.${s1}.${s2}`).toBeNull();
    }
  });

  test('1.1.1 basic machine: IBM 2097 and the identity fields', () => {
    const { b, dv } = sysib(1, 1, 1);
    expect(b.length).toBe(SYSIB_SIZE);
    expect(text(b, 32, 16)).toBe('IBM             ');
    expect(text(b, 48, 4)).toBe(MACHINE_TYPE.toString(16));
    expect(text(b, 64, 16).trim()).toMatch(/^\d{3}$/);
    expect(text(b, 80, 16)).toMatch(/^[0-9A-Z]{16}$/);
    expect(text(b, 96, 4).trim()).not.toBe('');
    expect(text(b, 100, 16).trim()).not.toBe('');
    expect(dv.getUint32(148)).toBeGreaterThan(0);
    // Reserved bytes between the type and the model capacity stay zero.
    expect([...b.subarray(52, 64)].every((x) => x === 0)).toBe(true);
  });

  test('1.2.1 and 2.2.1 carry the executing CPU address', () => {
    expect(sysib(1, 2, 1, 2).dv.getUint16(102)).toBe(2);
    const { b, dv } = sysib(2, 2, 1, 1);
    expect(dv.getUint16(100)).toBe(1);
    expect(dv.getUint16(102)).toBe(1);
    expect(text(b, 80, 16)).toBe(text(sysib(1, 1, 1).b, 80, 16));
  });

  test('1.2.2 basic machine CPUs: integer capability and counts from the config', () => {
    const { dv } = sysib(1, 2, 2);
    expect(dv.getUint8(0)).toBe(0);
    const capability = dv.getUint32(32);
    expect(capability).toBeGreaterThan(0);
    expect(capability >>> 23).toBe(0);
    expect([36, 38, 40, 42].map((o) => dv.getUint16(o))).toEqual([3, 3, 0, 0]);
  });

  test('2.2.2 LPAR CPUs: number, dedicated, counts, EBCDIC name', () => {
    const { b, dv } = sysib(2, 2, 2);
    expect(dv.getUint16(32)).toBeGreaterThan(0);
    expect(dv.getUint8(35)).toBe(0x80);
    expect([36, 38, 40, 42].map((o) => dv.getUint16(o))).toEqual([3, 3, 0, 0]);
    expect(text(b, 44, 8)).toBe('GUEST01 ');
    expect(dv.getUint32(52)).toBe(1000);
    expect(dv.getUint16(72)).toBe(3);
  });

  test('3.2.2 VM CPUs: one description block, name and control program', () => {
    const { b, dv } = sysib(3, 2, 2);
    expect(dv.getUint8(31) & 0xf).toBe(1);
    expect([36, 38, 40, 42].map((o) => dv.getUint16(o))).toEqual([3, 3, 0, 0]);
    expect(text(b, 44, 8)).toBe('GUEST01 ');
    expect(dv.getUint32(52)).toBe(1000);
    expect(text(b, 56, 16)).toBe('KVM/S390X-WASM  ');
    // early.c: "KVM" (D2 E5 D4) means a KVM-style guest (VT220 console, no z/VM diagnoses),
    // "z/VM" (A9 61 E5 D4) z/VM, which we must not claim.
    expect([...b.subarray(56, 59)]).toEqual([0xd2, 0xe5, 0xd4]);
    expect([...b.subarray(56, 60)]).not.toEqual([0xa9, 0x61, 0xe5, 0xd4]);
    expect(dv.getUint8(75)).toBe(2);
    expect(new TextDecoder().decode(b.subarray(2048, 2048 + 7))).toBe('guest01');
    expect(b[2048 + 7]).toBe(0);
    // Only one block: the second (at 96) is empty.
    expect([...b.subarray(96, 160)].every((x) => x === 0)).toBe(true);
  });

  test('the default name, and long names truncated in the 8-byte fields', () => {
    expect(text(sysib(3, 2, 2, 0, { cpus: 1 }).b, 44, 8)).toBe('S390WASM');
    const long = sysib(3, 2, 2, 0, { cpus: 1, machineName: 'debian-bookworm' }).b;
    expect(text(long, 44, 8)).toBe('DEBIAN-B');
    expect(new TextDecoder().decode(long.subarray(2048, 2048 + 15))).toBe('debian-bookworm');
  });
});

describe('executeStsi', () => {
  function mem() {
    const writes: [number, Uint8Array][] = [];
    return { writes, writeBytes: (a: number, bytes: Uint8Array) => void writes.push([a, bytes]) };
  }
  const code = pic;

  test('fc 0 sets GR0 bits 32-35 to the level and keeps the rest', () => {
    const m = mem();
    expect(executeStsi(0x000000ab, 0, 0x1234, 0, cfg, m)).toEqual({ cc: 0, gr0: 0x300000ab });
    expect(m.writes).toHaveLength(0);
  });

  test('stores the SYSIB at a 4K-aligned operand', () => {
    const m = mem();
    expect(executeStsi(0x30000002, 2, 0x5000, 0, cfg, m)).toEqual({ cc: 0, gr0: 0x30000002 });
    expect(m.writes[0]![0]).toBe(0x5000);
    expect(fromEbcdic(m.writes[0]![1].subarray(56, 70))).toBe('KVM/S390X-WASM');
  });

  test('CC 3 for a higher level (no other checks) or an unsupported selector', () => {
    const m = mem();
    expect(executeStsi(0xf0ffff00, 0xffff0000, 0x1001, 0, cfg, m).cc).toBe(3);
    expect(executeStsi(0x40000000, 0, 0x1000, 0, cfg, m).cc).toBe(3);
    expect(executeStsi(0x10000007, 1, 0x1000, 0, cfg, m).cc).toBe(3);
    expect(m.writes).toHaveLength(0);
  });

  test('specification exceptions: reserved bits of GR0 and GR1, unaligned operand', () => {
    const m = mem();
    expect(code(() => executeStsi(0x10000101, 1, 0x1000, 0, cfg, m))).toBe(0x06);
    expect(code(() => executeStsi(0x10000001, 0x10001, 0x1000, 0, cfg, m))).toBe(0x06);
    expect(code(() => executeStsi(0x00000100, 0, 0, 0, cfg, m))).toBe(0x06);
    expect(code(() => executeStsi(0x10000001, 1, 0x1800, 0, cfg, m))).toBe(0x06);
    expect(m.writes).toHaveLength(0);
  });
});
