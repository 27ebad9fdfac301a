// The binutils oracle for decoder tests: objdump's text per address, and the real guests.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { guestDir } from '../../src/boot/guests.js';
import { stripSymbols } from '../../tools/insn-table/probe.js';

export const OBJDUMP = process.env.S390X_OBJDUMP ?? 's390x-linux-gnu-objdump';

/** Fails the test (never skips it) when a tool the oracle needs is missing. */
export function requireTool(cmd: string, pkg: string): void {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error(`${cmd} is missing: install Debian's ${pkg} (.ci/run does)`);
  }
}

export function requireGuest(name: 'vmlinuz' | 'busybox'): string {
  const path = join(guestDir(), name);
  if (!existsSync(path)) throw new Error(`guest ${path} is missing: run \`npx s390x-wasm fetch\` (.ci/run does)`);
  return path;
}

/** address -> "mnemonic\toperands" for every line objdump prints (directives included). */
export function objdumpLines(args: string[]): Map<number, string> {
  requireTool(OBJDUMP, 'binutils-s390x-linux-gnu');
  const out = execFileSync(OBJDUMP, args, { maxBuffer: 1 << 30, encoding: 'latin1' });
  const lines = new Map<number, string>();
  for (const line of out.split('\n')) {
    const m = /^\s*([0-9a-f]+):\t[0-9a-f ]+\t(\S+)(?:\t(.*))?$/.exec(line);
    if (!m) continue;
    const ops = stripSymbols(m[3] ?? '');
    lines.set(parseInt(m[1], 16), ops ? `${m[2]}\t${ops}` : m[2]);
  }
  return lines;
}

export function objdumpRaw(bytes: Uint8Array, vma: number): Map<number, string> {
  const dir = mkdtempSync(join(tmpdir(), 's390x-test-'));
  try {
    const file = join(dir, 'code.bin');
    writeFileSync(file, bytes);
    return objdumpLines(['-D', '-b', 'binary', '-m', 's390:64-bit', `--adjust-vma=0x${vma.toString(16)}`, file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const isDirective = (text: string) => text.startsWith('.');
