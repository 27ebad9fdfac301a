// User-mode benchmark: busybox workloads under our interpreter and under qemu-s390x-static in
// the same run. Prints wall time of each, the ratio, and our MIPS.
// Run: node dist/bench/user.js [--mib N]   (busybox from $S390X_WASM_GUESTS or .cache/guests)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { guestDir } from '../tools/repo.js';
import { runOurs, runQemuTimed, type Outcome } from '../tools/run-both.js';
import { makeWorkloadFiles } from '../tools/workload-files.js';

interface Workload {
  readonly name: string;
  readonly args: readonly string[];
  readonly stdin?: string;
}

function main(argv: string[]): void {
  const mibArg = argv.indexOf('--mib');
  const mib = mibArg >= 0 ? Number(argv[mibArg + 1]) : 8;
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
    console.log(`${'workload'.padEnd(24)} ${'qemu s'.padStart(8)} ${'ours s'.padStart(8)} ${'ratio'.padStart(7)} ${'Minsns'.padStart(9)} ${'MIPS'.padStart(7)}`);
    for (const w of workloads) {
      const q = runQemuTimed(busybox, w.args, { cwd: work });
      const o = runOurs(busybox, w.args, { cwd: work });
      const same = Buffer.compare(q.stdout, o.stdout) === 0 && q.status === o.status;
      console.log(row(w.name, q, o) + (same ? '' : '  OUTPUT DIFFERS'));
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function row(name: string, q: Outcome, o: Outcome): string {
  const mips = o.instructions / o.seconds / 1e6;
  return `${name.padEnd(24)} ${q.seconds.toFixed(2).padStart(8)} ${o.seconds.toFixed(2).padStart(8)} ${(o.seconds / q.seconds).toFixed(1).padStart(6)}x ${(o.instructions / 1e6).toFixed(1).padStart(9)} ${mips.toFixed(1).padStart(7)}`;
}

main(process.argv.slice(2));
