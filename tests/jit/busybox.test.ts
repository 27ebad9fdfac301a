// busybox workloads under the JIT and in lockstep (every compiled block also run by the
// interpreter from the same state, stopping at the first difference): output identical to the
// interpreter's. The busybox binary comes from $S390X_WASM_GUESTS (default .cache/guests).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guestDir } from '../../tools/repo.js';
import { runOurs, type BothOptions, type Outcome } from '../../tools/run-both.js';
import { makeWorkloadFiles } from '../../tools/workload-files.js';

let busybox = '';
let work = '';

beforeAll(() => {
  busybox = path.join(guestDir(), 'busybox');
  work = fs.mkdtempSync(path.join(os.tmpdir(), 's390x-wasm-jit-'));
  // Lockstep runs each compiled block twice and snapshots around it: small inputs keep it quick.
  makeWorkloadFiles(work, 256 << 10);
});

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Runs args under the interpreter, the JIT and lockstep; all three must agree. */
function everyEngine(args: string[], opts: BothOptions = {}): Outcome {
  const interp = runOurs(busybox, args, { cwd: work, ...opts, engine: 'interp' });
  const jit = runOurs(busybox, args, { cwd: work, ...opts, engine: 'jit', jit: { threshold: 8 } });
  expect(jit.jit!.insnsRunCompiled, 'instructions run in compiled code').toBeGreaterThan(jit.instructions / 2);
  const lockstep = runOurs(busybox, args, { cwd: work, ...opts, engine: 'lockstep' });
  for (const o of [jit, lockstep]) {
    expect(o.stdout.toString('latin1')).toBe(interp.stdout.toString('latin1'));
    expect(o.status).toBe(interp.status);
    expect(o.instructions).toBe(interp.instructions);
  }
  expect(interp.status).toBe(0);
  return interp;
}

describe('busybox under the JIT and in lockstep', () => {
  it('sha256sum', () => {
    expect(everyEngine(['sha256sum', 'data.bin']).stdout.toString()).toMatch(/^[0-9a-f]{64} {2}data.bin\n$/);
  });

  it('md5sum', () => {
    everyEngine(['md5sum', 'data.bin']);
  });

  it('gzip -c then gunzip -c round trip', () => {
    const input = fs.readFileSync(path.join(work, 'text.txt')).subarray(0, 200_000);
    const packed = everyEngine(['gzip', '-c'], { stdin: input });
    expect(Buffer.compare(everyEngine(['gunzip', '-c'], { stdin: packed.stdout }).stdout, input)).toBe(0);
  });

  it('sort -n', () => {
    // 2,000 of the numbers: sorting all 20,000 is ~330 M instructions, too many for lockstep.
    const lines = fs.readFileSync(path.join(work, 'numbers.txt'), 'latin1').split('\n').slice(0, 2000).join('\n') + '\n';
    everyEngine(['sort', '-n'], { stdin: lines });
  });

  it('sh loop', () => {
    const out = everyEngine(['sh', '-c', 'i=0; while [ $i -lt 2000 ]; do i=$((i + 1)); done; echo $i']);
    expect(out.stdout.toString()).toBe('2000\n');
  });
});
