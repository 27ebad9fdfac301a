// Decode throughput on Debian busybox's code (acceptance: > 5 M instructions a second), and the
// disassembler's for comparison. Prints instructions a second for each.
import Benchmark from 'benchmark';
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBytes } from '../src/decoder/decode.js';
import { disassembleAt } from '../src/decoder/disasm.js';
import { executableSections } from '../src/decoder/elf-sections.js';
import { lengthOf } from '../src/decoder/fields.js';
import { guestDir } from '../src/boot/guests.js';

// No options: --help says what this measures, anything else is an error.
new Command('decode.js').description('decoder and disassembler throughput on busybox .text, in instructions a second').parse();

const path = join(guestDir(), 'busybox');
const text = executableSections(new Uint8Array(readFileSync(path))).find((s) => s.name === '.text');
if (!text) throw new Error(`${path} has no .text`);
const { bytes, addr } = text;
let count = 0;
for (let off = 0; off < bytes.length; off += lengthOf(bytes[off])) count++;

const suite = new Benchmark.Suite('decode');
suite
  .add('decode busybox .text', () => {
    for (let off = 0; off < bytes.length; off += lengthOf(bytes[off])) decodeBytes(bytes, off, addr + off);
  })
  .add('disassemble busybox .text', () => {
    for (let off = 0; off < bytes.length;) off += disassembleAt(bytes, off, addr + off).length;
  })
  .on('cycle', (e: Benchmark.Event) => {
    const t = e.target as Benchmark.Target & { name: string };
    const perSecond = (t.hz ?? 0) * count;
    console.log(`${t.name}: ${(perSecond / 1e6).toFixed(2)} M instructions/s (${count} instructions, ±${t.stats?.rme.toFixed(1)}%)`);
  })
  .run();
