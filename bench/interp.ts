// Reference-interpreter throughput on a hot loop shaped like sha256's inner rounds (loads,
// 32-bit adds, rotates, logical ops, a counted branch). Prints MIPS.
// Run: node dist/bench/interp.js  (needs s390x-linux-gnu-gcc)
import { Command } from 'commander';
import * as fs from 'node:fs';
import { decodeWords } from '../src/decoder/decode.js';
import { Cpu, PSW0_PROBLEM } from '../src/interp/cpu.js';
import { registerAllOps } from '../src/interp/ops/index.js';
import { createStateMemory } from '../src/runtime/state.js';
import { parseElf, PT_LOAD } from '../src/user/elf.js';
import { buildStatic } from '../tools/cross.js';

// No options: --help says what this measures, anything else is an error.
new Command('interp.js').description("interpreter MIPS on a hot loop shaped like sha256's inner rounds").parse();

const LOOP = `
\t.text
\t.globl _start
_start:
\tlarl %r11, data
\tlghi %r2, 0
\tlghi %r3, 1
\tiilf %r10, 2000000000
1:\tl %r4, 0(%r11)
\tar %r2, %r4
\trll %r5, %r2, 7
\txr %r5, %r3
\tnr %r6, %r5
\talr %r3, %r6
\tsrl %r6, 3
\tst %r2, 4(%r11)
\tlgr %r7, %r5
\taghi %r11, 0
\tbrct %r10, 1b
\tsvc 1
\t.data
data:\t.quad 0x0123456789abcdef
`;

function main(): void {
  const exe = buildStatic([{ name: 'loop.S', text: LOOP }], ['-nostdlib', '-march=z196']);
  const file = new Uint8Array(fs.readFileSync(exe));
  const img = parseElf(file);
  registerAllOps();
  const cpu = new Cpu(createStateMemory(64 << 20), decodeWords);
  for (const ph of img.phdrs) {
    if (ph.type === PT_LOAD) cpu.mem.writeBytes(ph.vaddr, file.subarray(ph.offset, ph.offset + ph.filesz));
  }
  cpu.setPswMask(1 | PSW0_PROBLEM, 0x80000000);
  cpu.setIa(0, img.entry);
  cpu.run(1_000_000); // warm up
  const n = 50_000_000;
  const t0 = process.hrtime.bigint();
  const stop = cpu.run(n);
  const dt = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`interpreter: ${n} instructions in ${dt.toFixed(2)} s = ${(n / dt / 1e6).toFixed(1)} MIPS (${stop.kind})`);
}

main();
