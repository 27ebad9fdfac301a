// Decimal instructions QEMU 7.2 lacks (ED, EDMK, CVB, CVBG, CVDG, AP, SP, ZAP, CP, MP, DP, SRP)
// have no oracle here, so they are checked by identities against the oracle-tested CVD and
// against each other, plus the editing example of the Principles of Operation.
import { describe, expect, test } from 'vitest';
import { Insn, type InsnDef } from '../../src/decoder/insn.js';
import { Cpu } from '../../src/interp/cpu.js';
import { decimalTables } from '../../src/interp/ops/decimal-index.js';
import type { Handler } from '../../src/interp/registry.js';
import { createStateMemory } from '../../src/runtime/state.js';

const handlers = new Map<string, Handler>(decimalTables.flatMap((t) => Object.entries(t)));
const cpu = new Cpu(createStateMemory(1 << 16), () => undefined);
const A = 0x1000, B = 0x2000, BA = 2, BB = 3;

function run(mn: string, fields: Partial<Insn>): void {
  const i = Object.assign(new Insn({ mnemonic: mn } as InsnDef, 0, 0, 0), { b1: BA, b2: BB }, fields);
  cpu.set64(BA, 0, A);
  cpu.set64(BB, 0, B);
  handlers.get(mn)!(cpu, i);
}

function bytesAt(a: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => cpu.mem.read8(a + k));
}

function setBytes(a: number, bytes: readonly number[]): void {
  bytes.forEach((b, k) => cpu.mem.write8(a + k, b));
}

/** Packs v into the n-byte field at a with CVDG (16 bytes) and keeps the rightmost n bytes. */
function packed(a: number, n: number, v: bigint): void {
  cpu.set64(1, Number(BigInt.asIntN(32, v >> 32n)), Number(BigInt.asIntN(32, v)));
  run('cvdg', { r1: 1, b2: BB, d2: 0x100 });
  setBytes(a, bytesAt(B + 0x100 + 16 - n, n));
}

/** The value of the n-byte field at a, through CVBG of a 16-byte copy. */
function value(a: number, n: number): bigint {
  setBytes(B + 0x200, [...Array(16 - n).fill(0), ...bytesAt(a, n)]);
  run('cvbg', { r1: 4, b2: BB, d2: 0x200 });
  return (BigInt(cpu.hi(4)) << 32n) | BigInt(cpu.lo(4) >>> 0);
}

let seed = 12345n;
function rand(digits: number): bigint {
  seed = (seed * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
  const v = (seed >> 11n) % 10n ** BigInt(digits);
  return seed & 1n ? -v : v;
}

describe('decimal identities', () => {
  test('CVD then CVB, and CVDG then CVBG, return the value', () => {
    for (let k = 0; k < 200; k++) {
      const v = rand(k % 2 ? 9 : 18);
      packed(A, 16, v);
      expect(value(A, 16)).toBe(v);
      const w = Number(BigInt.asIntN(32, v));
      cpu.setLo(1, w);
      run('cvd', { r1: 1, b2: BA, d2: 0 });
      run('cvb', { r1: 5, b2: BA, d2: 0 });
      expect(cpu.lo(5)).toBe(w);
    }
  });

  test('AP, SP, ZAP, CP, MP and DP agree with integer arithmetic', () => {
    for (let k = 0; k < 200; k++) {
      const x = rand(12), y = rand(6);
      packed(A, 8, x); packed(B, 4, y);
      run('cp', { l1: 7, l2: 3 });
      expect(cpu.cc).toBe(x === y ? 0 : x < y ? 1 : 2);
      run('ap', { l1: 7, l2: 3 });
      expect(value(A, 8)).toBe(x + y);
      expect(cpu.cc).toBe(x + y === 0n ? 0 : x + y < 0n ? 1 : 2);
      run('sp', { l1: 7, l2: 3 });
      expect(value(A, 8)).toBe(x);
      run('zap', { l1: 15, l2: 3 });
      expect(value(A, 16)).toBe(y);
      packed(A, 12, x);
      run('mp', { l1: 11, l2: 3 });
      expect(value(A, 12)).toBe(x * y);
      if (y !== 0n) {
        run('dp', { l1: 11, l2: 3 });
        expect(value(A, 8)).toBe(x);
        expect(value(A + 8, 4)).toBe(0n);
      }
    }
  });

  test('AP reports decimal overflow as CC 3 and keeps the low digits', () => {
    packed(A, 2, 999n); packed(B, 2, 1n);
    run('ap', { l1: 1, l2: 1 });
    expect(cpu.cc).toBe(3);
    expect(bytesAt(A, 2)).toEqual([0x00, 0x0c]);
  });

  test('SRP shifts left and rounds right', () => {
    packed(A, 8, 12345n);
    run('srp', { l1: 7, d2: 2, i3: 0 });
    expect(value(A, 8)).toBe(1234500n);
    run('srp', { l1: 7, d2: 64 - 3, i3: 5 });
    expect(value(A, 8)).toBe(1235n);
  });

  test('ED and EDMK: the editing example of the PoP', () => {
    // Source +2,574.26; pattern: blank fill, digit selectors, comma, a significance starter
    // before the last integer digit, point, blank, 'CR' (blanked because the sign is plus).
    const pattern = [0x40, 0x20, 0x20, 0x6b, 0x20, 0x20, 0x21, 0x4b, 0x20, 0x20, 0x40, 0xc3, 0xd9];
    for (const mn of ['ed', 'edmk']) {
      setBytes(A, pattern);
      setBytes(B, [0x02, 0x57, 0x42, 0x6c]);
      cpu.set64(1, 0, 0);
      run(mn, { l1: pattern.length - 1 });
      expect(bytesAt(A, pattern.length)).toEqual([0x40, 0x40, 0xf2, 0x6b, 0xf5, 0xf7, 0xf4, 0x4b, 0xf2, 0xf6, 0x40, 0x40, 0x40]);
      expect(cpu.cc).toBe(2);
      if (mn === 'edmk') expect(cpu.lo(1)).toBe(A + 2);
    }
  });
});
