// `s390x-wasm disasm`: objdump-compatible disassembly of an ELF's code or of a flat binary.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { executableSections } from './elf-sections.js';
import { listing } from './listing.js';

function parseAddress(text: string): number {
  const v = Number(text);
  if (!Number.isSafeInteger(v) || v < 0) throw new Error(`--base ${text} is not an address`);
  return v;
}

function readInput(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
}

export function registerDisasmCommand(program: Command): void {
  program
    .command('disasm')
    .description('disassemble the executable sections of an s390x ELF, or a flat binary with --raw')
    .argument('<file>', 's390x ELF file, or a flat binary with --raw')
    .option('--raw', 'treat FILE as a flat binary')
    .option('--base <addr>', 'load address of a flat binary', parseAddress, 0)
    .option('--objdump-sync', 'step over unknown opcodes as objdump does (4 bytes) rather than by their architected length')
    .action((file: string, opts: { raw?: boolean; base: number; objdumpSync?: boolean }) => {
      const bytes = readInput(file);
      const sections = opts.raw ? [{ name: '', addr: opts.base, bytes }] : executableSections(bytes);
      const out: string[] = [];
      const flush = () => { process.stdout.write(out.join('\n') + '\n'); out.length = 0; };
      for (const s of sections) {
        for (const line of listing(s.bytes, s.addr, { objdumpSync: opts.objdumpSync })) {
          out.push(line);
          if (out.length >= 4096) flush();
        }
      }
      if (out.length) flush();
    });
}
