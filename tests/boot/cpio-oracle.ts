// GNU cpio (Debian's cpio package) as the oracle for our newc archives: its verbose listing and
// a real extraction. requireTool makes every test fail, never skip, when cpio is missing.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { requireTool } from '../../tools/cross.js';

export interface Listed {
  readonly mode: string;
  readonly nlink: number;
  readonly uid: number;
  readonly gid: number;
  /** Byte size, or "major, minor" for a device. */
  readonly size: string;
  readonly name: string;
  readonly target?: string;
}

function cpio(args: readonly string[], archive: Uint8Array, cwd?: string): string {
  requireTool('cpio', 'cpio');
  const r = spawnSync('cpio', args, { input: archive, cwd, env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' }, maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`cpio ${args.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
  return r.stdout.toString('latin1');
}

/** `cpio -itvn`: one entry per line, in archive order. */
export function cpioList(archive: Uint8Array): Listed[] {
  const out: Listed[] = [];
  for (const line of cpio(['-itvn', '--quiet'], archive).split('\n')) {
    if (line === '') continue;
    // drwxr-xr-x   2 0        0               0 Jan  1  1970 bin
    // crw-------   1 0        0          5,   1 Jan  1  1970 dev/console
    const m = /^(\S{10})\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+,\s+\d+|\d+)\s+\w{3}\s+\d+\s+[\d:]+\s(.*)$/.exec(line);
    if (!m) throw new Error(`unexpected cpio -tv line: ${line}`);
    const [name, target] = m[1].startsWith('l') ? m[6].split(' -> ') : [m[6]];
    out.push({ mode: m[1], nlink: Number(m[2]), uid: Number(m[3]), gid: Number(m[4]), size: m[5].replace(/\s+/g, ' '), name, target });
  }
  return out;
}

/** Extracts with `cpio -idm` into a fresh temporary folder, which f gets; removed afterwards. */
export function withExtracted<T>(archive: Uint8Array, f: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 's390x-wasm-cpio-'));
  try {
    cpio(['-idm', '--quiet', '--no-absolute-filenames'], archive, dir);
    return f(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
