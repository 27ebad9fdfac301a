// Seeded register states for the oracle tests, biased to the values that break arithmetic.

/** Deterministic values biased to the edges that break arithmetic. */
export function rng(seed: number): () => bigint {
  let x = seed >>> 0 || 1;
  const next = (): number => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x;
  };
  const edges = [0n, 1n, -1n, 0x7fffffffn, 0x80000000n, 0xffffffffn, -0x80000000n, 0x7fffffffffffffffn,
    -0x8000000000000000n, 0x100000000n, 0xffffn, 0x8000n, 2n, -2n];
  return () => {
    const k = next() % 4;
    if (k === 0) return edges[next() % edges.length];
    if (k === 1) return BigInt.asIntN(32, BigInt(next()));
    if (k === 2) return BigInt(next() % 64);
    return BigInt.asIntN(64, (BigInt(next()) << 32n) | BigInt(next()));
  };
}

/** n register states from a seed. */
export function states(seed: number, n: number): { regs: bigint[]; cc: number }[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => ({ regs: Array.from({ length: 16 }, () => r()), cc: Number(r() & 3n) }));
}
