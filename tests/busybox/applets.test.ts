// busybox applets under qemu-s390x-static and under our user mode: identical stdout and status.
// The busybox binary comes from $S390X_WASM_GUESTS (default .cache/guests); without it every
// test here fails, naming how to fetch it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guestDir } from '../../tools/repo.js';
import { runBoth, runOurs, runQemuTimed, type BothOptions } from '../../tools/run-both.js';
import { makeWorkloadFiles } from '../../tools/workload-files.js';

let busybox = '';
let work = '';

beforeAll(() => {
  busybox = path.join(guestDir(), 'busybox');
  work = fs.mkdtempSync(path.join(os.tmpdir(), 's390x-wasm-busybox-'));
  makeWorkloadFiles(work, 4 << 20);
});

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

function same(args: string[], opts: BothOptions = {}): Buffer {
  const { qemu, ours } = runBoth(busybox, args, { cwd: work, ...opts });
  expect(qemu.status, `qemu: busybox ${args.join(' ')}`).toBe(0);
  expect(ours.stdout.toString('latin1')).toBe(qemu.stdout.toString('latin1'));
  expect(ours.status).toBe(qemu.status);
  return ours.stdout;
}

describe('busybox applets against qemu-s390x', () => {
  it('sha256sum of a 4 MiB file', () => {
    expect(same(['sha256sum', 'data.bin']).toString()).toMatch(/^[0-9a-f]{64} {2}data.bin\n$/);
  });

  it('md5sum of a 4 MiB file', () => {
    same(['md5sum', 'data.bin']);
  });

  it('gzip -c then gunzip -c round trip', () => {
    const input = fs.readFileSync(path.join(work, 'text.txt'));
    const ours = runOurs(busybox, ['gzip', '-c'], { cwd: work, stdin: input });
    const qemu = runQemuTimed(busybox, ['gzip', '-c'], { cwd: work, stdin: input });
    expect(ours.status).toBe(0);
    expect(Buffer.compare(ours.stdout, qemu.stdout)).toBe(0);
    const back = runOurs(busybox, ['gunzip', '-c'], { cwd: work, stdin: ours.stdout });
    expect(back.status).toBe(0);
    expect(Buffer.compare(back.stdout, input)).toBe(0);
  });

  it('sort -n', () => {
    same(['sort', '-n', 'numbers.txt']);
  });

  it('awk with floating point', () => {
    // Debian's busybox awk has no math library (sqrt, log): division and formatting carry the floating point.
    same(['awk', 'BEGIN { for (i = 1; i <= 3000; i++) { s += 1.5 / i; p = p * 0.999 + i / 7 }; printf "%.10f %g %e %d\\n", s, p, s * 1e10, int(s * 1000) } { t += $1 * 0.5; u = u + $1 / 3 } END { printf "%.3f %.6e\\n", t, u }', 'numbers.txt']);
  });

  it('sed', () => {
    same(['sed', '-e', 's/\\([0-9][0-9]*\\)/<\\1>/g', '-e', '/7>/d', '-e', 'y/abc/XYZ/', 'text.txt']);
  });

  it('sh -c with a 20,000-iteration arithmetic loop', () => {
    const out = same(['sh', '-c', 'i=0; s=0; while [ $i -lt 20000 ]; do i=$((i + 1)); s=$(( (s + i * i) % 1000003 )); done; echo $i $s']);
    expect(out.toString()).toMatch(/^20000 \d+\n$/);
  });

  it('ls -lR of a small tree', () => {
    same(['ls', '-lR', '--color=never', 'tree']);
  });
});
