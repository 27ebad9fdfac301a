// User-mode benchmark: busybox workloads under our interpreter, our JIT and qemu-s390x-static in
// the same run. Prints wall time of each, the ratios to qemu, our MIPS, and the JIT's compile
// cost a guest instruction and share of instructions run in compiled code.
// Run: node dist/bench/user.js [--mib N]   (busybox from $S390X_WASM_GUESTS or .cache/guests)
import { Command } from 'commander';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { guestDir } from '../tools/repo.js';
import { runOurs, runQemuTimed, type Outcome } from '../tools/run-both.js';
import { makeWorkloadFiles } from '../tools/workload-files.js';
import { relaunchWithPool } from '../src/relaunch.js';
import { wholeNumber } from './options.js';

interface Workload {
  readonly name: string;
  readonly args: readonly string[];
  readonly stdin?: string;
}

async function main(mib: number): Promise<void> {
  const busybox = path.join(guestDir(), 'busybox');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 's390x-wasm-bench-'));
  try {
    makeWorkloadFiles(work, mib << 20);
    const workloads: Workload[] = [
      { name: `sha256sum ${mib} MiB`, args: ['sha256sum', 'data.bin'] },
      { name: `md5sum ${mib} MiB`, args: ['md5sum', 'data.bin'] },
      { name: 'gzip -c text (1 MiB)', args: ['gzip', '-c', 'text.txt'] },
      { name: 'sort -n 20k numbers', args: ['sort', '-n', 'numbers.txt'] },
      { name: 'sh loop 20,000', args: ['sh', '-c', 'i=0; while [ $i -lt 20000 ]; do i=$((i + 1)); done; echo $i'] },
    ];
    console.log(
      `${'workload'.padEnd(24)} ${'qemu s'.padStart(7)} ${'interp s'.padStart(8)} ${'jit s'.padStart(7)} ${'interp/q'.padStart(8)} ` +
      `${'jit/q'.padStart(6)} ${'Minsns'.padStart(8)} ${'i MIPS'.padStart(7)} ${'j MIPS'.padStart(7)} ${'us/insn'.padStart(8)} ${'compiled'.padStart(8)}`,
    );
    for (const w of workloads) {
      const q = runQemuTimed(busybox, w.args, { cwd: work });
      const i = runOurs(busybox, w.args, { cwd: work });
      const j = runOurs(busybox, w.args, { cwd: work, engine: 'jit' });
      const same = [i, j].every((o) => Buffer.compare(q.stdout, o.stdout) === 0 && q.status === o.status);
      console.log(row(w.name, q, i, j) + (same ? '' : '  OUTPUT DIFFERS'));
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function row(name: string, q: Outcome, i: Outcome, j: Outcome): string {
  const mips = (o: Outcome): string => (o.instructions / o.seconds / 1e6).toFixed(1).padStart(7);
  const s = j.jit!;
  const perInsn = s.insnsCompiled > 0 ? (1000 * s.compileMs) / s.insnsCompiled : 0;
  const share = (100 * s.insnsRunCompiled) / j.instructions;
  return `${name.padEnd(24)} ${q.seconds.toFixed(2).padStart(7)} ${i.seconds.toFixed(2).padStart(8)} ${j.seconds.toFixed(2).padStart(7)} ` +
    `${(i.seconds / q.seconds).toFixed(1).padStart(7)}x ${(j.seconds / q.seconds).toFixed(1).padStart(5)}x ` +
    `${(i.instructions / 1e6).toFixed(1).padStart(8)} ${mips(i)} ${mips(j)} ${perInsn.toFixed(1).padStart(8)} ${share.toFixed(1).padStart(7)}%`;
}

const program = new Command('user.js')
  .description('busybox workloads under our interpreter, our JIT and qemu-s390x-static: times, ratios, MIPS, compile cost')
  .option('--mib <n>', 'MiB of data for sha256sum and md5sum', wholeNumber, 8)
  .parse();
await relaunchWithPool();
await main(program.opts<{ mib: number }>().mib);
