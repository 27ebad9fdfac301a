// The C corpus: each program built with s390x-linux-gnu-gcc -static -O2 -march=z196 and run
// under qemu-s390x-static and under our user mode, in the interpreter and under the JIT (told
// to compile a block after two entries, in small batches, so even short programs run compiled);
// stdout and exit status must be identical.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildStatic } from '../../tools/cross.js';
import { REPO_ROOT } from '../../tools/repo.js';
import { runBoth } from '../../tools/run-both.js';

const dir = path.join(REPO_ROOT, 'tests', 'corpus');
const programs = fs.readdirSync(dir).filter((f) => f.endsWith('.c')).sort();

describe('C corpus against qemu-s390x', () => {
  it('has programs', () => expect(programs.length).toBeGreaterThanOrEqual(6));
  for (const name of programs) {
    for (const engine of ['interp', 'jit'] as const) {
      it(`${name} (${engine})`, () => {
        const exe = buildStatic([{ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }], ['-O2', '-march=z196'], ['-lm']);
        const { qemu, ours } = runBoth(exe, [], { engine, jit: { threshold: 2, batch: 16 } });
        expect(ours.stdout.toString('latin1')).toBe(qemu.stdout.toString('latin1'));
        expect(ours.status).toBe(qemu.status);
        if (engine === 'jit') expect(ours.jit!.insnsRunCompiled, 'instructions run compiled').toBeGreaterThan(0);
      });
    }
  }
});
