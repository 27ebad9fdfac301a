// The oldest machine level whose instruction set binutils' assembler accepts each mnemonic in:
// assemble every printed form once per -march and read which lines it rejects.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Described } from './describe.js';

export const AS = process.env.S390X_AS ?? 's390x-linux-gnu-as';
export const LEVELS = ['g5', 'z900', 'z990', 'z9-109', 'z9-ec', 'z10', 'z196', 'zEC12', 'z13', 'z14', 'z15', 'z16'] as const;

function rejectedLines(source: string, march: string): Set<number> {
  const dir = mkdtempSync(join(tmpdir(), 's390x-as-'));
  try {
    const file = join(dir, 'l.s');
    writeFileSync(file, source);
    let err = '';
    try {
      execFileSync(AS, [`-march=${march}`, '-o', join(dir, 'l.o'), file], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
    } catch (e) {
      err = String((e as { stderr?: Buffer }).stderr ?? '');
    }
    return new Set([...err.matchAll(/l\.s:(\d+): Error/g)].map((m) => Number(m[1])));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Level per row: the oldest level that accepts any of its printed forms ('?' where none does). */
export function levels(rows: Described[]): Map<Described, string> {
  const lines: string[] = [];
  const owner: Described[] = [];
  for (const r of rows) {
    for (const v of [r.base, ...r.extended]) {
      if (!v.printed) continue;
      lines.push(`${v.mnemonic} ${v.sample.replace(/0x[0-9a-f]+/g, '.')}`);
      owner.push(r);
    }
  }
  const source = lines.join('\n') + '\n';
  const result = new Map<Described, string>();
  for (const march of LEVELS) {
    const bad = rejectedLines(source, march);
    owner.forEach((r, i) => { if (!result.has(r) && !bad.has(i + 1)) result.set(r, march); });
  }
  for (const r of rows) if (!result.has(r)) result.set(r, '?');
  return result;
}
