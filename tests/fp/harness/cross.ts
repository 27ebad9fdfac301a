// Builds a C program with the s390x cross compiler and runs it under qemu-s390x-static: the
// oracle for the FP tests. Binaries are cached under .cache/fp by a hash of their source.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CC as GCC, QEMU, requireTool } from '../../../tools/cross.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const CACHE = join(ROOT, '.cache', 'fp');

/** Compiles `source` (once per distinct source) and returns the binary's path. */
export function buildProgram(name: string, source: string): string {
  requireTool(GCC);
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  mkdirSync(CACHE, { recursive: true });
  const exe = join(CACHE, `${name}-${hash}`);
  if (!existsSync(exe)) {
    const src = `${exe}.c`;
    writeFileSync(src, source);
    execFileSync(GCC, ['-static', '-O1', '-march=z13', '-o', `${exe}.tmp`, src, '-lm'], { stdio: 'pipe' });
    execFileSync('mv', [`${exe}.tmp`, exe]);
  }
  return exe;
}

/** Runs a built program under qemu and returns its standard output. */
export function runProgram(exe: string, args: readonly string[] = []): string {
  requireTool(QEMU);
  return execFileSync(QEMU, [exe, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
}
