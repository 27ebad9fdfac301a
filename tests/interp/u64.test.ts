// The 32-bit-halves arithmetic against BigInt, on edge values and a seeded sweep.
import { expect, test } from 'vitest';
import * as u64 from '../../src/interp/u64.js';
import { rng } from './random.js';

const split = (v: bigint): [number, number] => [Number(BigInt.asIntN(32, v >> 32n)), Number(BigInt.asIntN(32, v))];
const join = (hi: number, lo: number): bigint => u64.toBig(hi, lo);

test('add, subtract and multiply agree with BigInt', () => {
  const r = rng(7);
  for (let k = 0; k < 5000; k++) {
    const a = BigInt.asUintN(64, r()), b = BigInt.asUintN(64, r());
    const [ah, al] = split(a), [bh, bl] = split(b);
    const cin = k & 1;
    let lo = u64.add64(ah, al, bh, bl, cin);
    expect(join(u64.hi, lo)).toBe(BigInt.asUintN(64, a + b + BigInt(cin)));
    expect(u64.carry).toBe(a + b + BigInt(cin) > 0xffffffffffffffffn ? 1 : 0);
    lo = u64.sub64(ah, al, bh, bl, cin);
    expect(join(u64.hi, lo)).toBe(BigInt.asUintN(64, a - b - BigInt(1 - cin)));
    expect(u64.carry).toBe(a - b - BigInt(1 - cin) < 0n ? 0 : 1);
    lo = u64.mulLo64(ah, al, bh, bl);
    expect(join(u64.hi, lo)).toBe(BigInt.asUintN(64, a * b));
    const upLo = u64.mulU64(ah, al, bh, bl);
    expect((join(u64.hi, upLo) << 64n) | join(u64.hi2, u64.lo2)).toBe(a * b);
    lo = u64.mulS32(al, bl);
    expect(BigInt.asIntN(64, join(u64.hi, lo))).toBe(BigInt(al) * BigInt(bl));
  }
});
