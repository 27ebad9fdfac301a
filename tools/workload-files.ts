// Deterministic input files for the busybox tests and benchmarks: binary data, text, numbers
// and a small directory tree with fixed times.
import * as fs from 'node:fs';
import * as path from 'node:path';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}

export function makeWorkloadFiles(dir: string, dataBytes: number): void {
  const next = lcg(1);
  const data = Buffer.alloc(dataBytes);
  for (let i = 0; i < dataBytes; i += 4) data.writeUInt32LE(next(), i);
  fs.writeFileSync(path.join(dir, 'data.bin'), data);
  const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa'];
  const lines: string[] = [];
  for (let i = 0; i < 20000; i++) lines.push(`${words[next() % 10]} ${next() % 100000} ${words[next() % 10]} abc ${i}`);
  fs.writeFileSync(path.join(dir, 'text.txt'), lines.join('\n') + '\n');
  const nums: string[] = [];
  for (let i = 0; i < 20000; i++) nums.push(String((next() % 2000001) - 1000000));
  fs.writeFileSync(path.join(dir, 'numbers.txt'), nums.join('\n') + '\n');
  const when = new Date('2024-01-02T03:04:05Z');
  for (const sub of ['tree', 'tree/a', 'tree/a/deep', 'tree/b']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  for (const [file, size] of [['tree/one', 10], ['tree/a/two', 2000], ['tree/a/deep/three', 0], ['tree/b/four', 123456]] as const) {
    fs.writeFileSync(path.join(dir, file), Buffer.alloc(size, 0x41));
    fs.chmodSync(path.join(dir, file), 0o644);
    fs.utimesSync(path.join(dir, file), when, when);
  }
  for (const sub of ['tree/a/deep', 'tree/a', 'tree/b', 'tree']) fs.utimesSync(path.join(dir, sub), when, when);
}
