// The oldest machine level whose instruction set binutils' assembler accepts each mnemonic in:
// assemble every printed form once per -march and read which lines it rejects.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FieldKind } from '../../src/decoder/formats.js';
import { renderOperands } from '../../src/decoder/render.js';
import type { Described, DescribedVariant } from './describe.js';

/** The form's text with every register field 4 and every other field 0: gas rejects register pairs
 *  other than even GPRs and FPRs 0, 1, 4, 5, 8, 9, 12, 13 with a fatal error that would hide the
 *  verdict on every later line. */
function gasLine(r: Described, v: DescribedVariant): string {
  let hi = 0, lo = 0;
  for (const f of r.format.fields) {
    if (f.kind !== FieldKind.Reg && f.kind !== FieldKind.Vec) continue;
    if (f.pos < 32) hi |= 4 << (28 - f.pos); else lo |= 4 << (60 - f.pos);
  }
  const ops = renderOperands(r.format, v.operands, v.optional, hi >>> 0, lo >>> 0, 0);
  return `${v.mnemonic} ${ops.replace(/0x[0-9a-f]+/g, '.')}`;
}

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
    const bad = new Set([...err.matchAll(/l\.s:(\d+): Error/g)].map((m) => Number(m[1])));
    if (err && bad.size === 0) throw new Error(`${AS} -march=${march} failed: ${err.split('\n').slice(0, 3).join(' / ')}`);
    return bad;
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
      lines.push(gasLine(r, v));
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
