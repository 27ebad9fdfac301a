// The s390x cross toolchain and qemu-user as oracles: building static test programs (cached
// under .cache/build by content) and running them under qemu-s390x-static. Every entry point
// fails loudly when a tool is missing; tests must never pass by skipping.
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CACHE_DIR } from './repo.js';

export const CC = 's390x-linux-gnu-gcc';
export const QEMU = 'qemu-s390x-static';

const checked = new Map<string, string>();

/** The version line of a required tool; throws (so a test fails, never skips) if it cannot be run. */
export function requireTool(tool: string, debianPackage = 'gcc-s390x-linux-gnu qemu-user-static'): string {
  let v = checked.get(tool);
  if (v !== undefined) return v;
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(`${tool} is required (apt-get install ${debianPackage}; npm test does) but could not be run: ${r.error?.message ?? r.stderr}`);
  }
  v = r.stdout.split('\n')[0];
  checked.set(tool, v);
  return v;
}

export interface Source {
  /** File name, its extension tells gcc the language (.c, .S, .s). */
  readonly name: string;
  readonly text: string;
}

/** Compiles and links sources into a static s390x executable and returns its path. The result
 *  is cached under .cache/build/<hash of compiler, flags and sources>; libs go after the sources. */
export function buildStatic(sources: readonly Source[], flags: readonly string[], libs: readonly string[] = []): string {
  const version = requireTool(CC);
  const h = createHash('sha256').update(version).update(JSON.stringify([flags, libs]));
  for (const s of sources) h.update(s.name).update('\0').update(s.text).update('\0');
  const dir = path.join(CACHE_DIR, 'build', h.digest('hex').slice(0, 32));
  const exe = path.join(dir, 'prog');
  if (fs.existsSync(exe)) return exe;
  const tmp = `${dir}.tmp${process.pid}`;
  fs.mkdirSync(tmp, { recursive: true });
  for (const s of sources) fs.writeFileSync(path.join(tmp, s.name), s.text);
  const inputs = sources.filter((s) => !s.name.endsWith('.h')).map((s) => s.name);
  execFileSync(CC, [...flags, '-static', '-o', 'prog', ...inputs, ...libs], { cwd: tmp, stdio: ['ignore', 'inherit', 'inherit'] });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
  return exe;
}

export interface RunOptions {
  readonly input?: Uint8Array | string;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export function runQemu(exe: string, args: readonly string[], opts: RunOptions = {}): SpawnSyncReturns<Buffer> {
  requireTool(QEMU);
  return spawnSync(QEMU, [exe, ...args], { input: opts.input, cwd: opts.cwd, env: opts.env, maxBuffer: 1 << 30 });
}
