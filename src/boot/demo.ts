// `s390x-wasm demo` (what `npm start` runs): fetch the real guests, show the decoder on them and run
// busybox in user mode. When system mode boots Linux, this becomes the boot to a busybox shell.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { decodeBytes } from '../decoder/decode.js';
import { executableSections } from '../decoder/elf-sections.js';
import { lengthOf } from '../decoder/fields.js';
import { listing } from '../decoder/listing.js';
import { runUserProgram } from '../user/cli.js';
import { fetchGuests } from './guests.js';
import { decompressVmlinuz } from './vmlinuz.js';

/** Kernel images load at 0x100000 once decompressed (the s390 decompressor's target). */
const KERNEL_BASE = 0x100000;

function census(name: string, bytes: Uint8Array, base: number): void {
  const counts = new Map<string, number>();
  let n = 0, unknown = 0;
  const t0 = process.hrtime.bigint();
  for (let off = 0; off < bytes.length; off += lengthOf(bytes[off])) {
    const insn = decodeBytes(bytes, off, base + off);
    n++;
    if (!insn) { unknown++; continue; }
    counts.set(insn.def.mnemonic, (counts.get(insn.def.mnemonic) ?? 0) + 1);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([m, c]) => `${m} ${c}`).join(', ');
  console.log(`${name}: ${n} instruction words decoded in ${(seconds * 1000).toFixed(0)} ms (${(n / seconds / 1e6).toFixed(1)} M/s), `
    + `${counts.size} distinct instructions, ${unknown} unknown words (data)\n  most frequent: ${top}`);
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description("fetch Debian's s390x kernel and busybox and decode them (npm start)")
    .action(() => {
      const guests = fetchGuests();
      const busybox = executableSections(new Uint8Array(readFileSync(guests.busybox)));
      const text = busybox.find((s) => s.name === '.text') ?? busybox[0];
      census(`busybox ${text.name}`, text.bytes, text.addr);
      const kernel = decompressVmlinuz(guests.kernel);
      census('kernel (decompressed)', kernel, KERNEL_BASE);
      console.log(`kernel entry at 0x${KERNEL_BASE.toString(16)}:`);
      let i = 0;
      for (const line of listing(kernel.subarray(0, 256), KERNEL_BASE)) {
        console.log(`  ${line}`);
        if (++i === 12) break;
      }
      // No fork in user mode yet, so no pipes or command substitution: builtins only.
      const script = 'echo "busybox sh on s390x-wasm:"; i=0; s=0; '
        + 'while [ $i -lt 2000 ]; do s=$((s + i * i)); i=$((i + 1)); done; echo "sum of squares below 2000: $s"';
      console.log(`$ busybox sh -c '${script}'`);
      const r = runUserProgram(guests.busybox, ['sh', '-c', script], { env: ['PATH=/bin'] });
      console.log(`(${r.instructions} instructions in ${r.seconds.toFixed(2)} s, ${(r.instructions / r.seconds / 1e6).toFixed(1)} MIPS, exit ${r.status})`);
      console.log('next: `npx s390x-wasm user .cache/guests/busybox sh`, `npx s390x-wasm disasm --raw --base 0x100000 FILE`, `npx s390x-wasm --help`');
    });
}
