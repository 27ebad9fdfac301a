// Ask binutils what it makes of instruction words: lay them out in one flat binary, run
// `objdump -D -b binary -m s390:64-bit`, and read back the line at each word's address.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool } from '../cross.js';

export const OBJDUMP = process.env.S390X_OBJDUMP ?? 's390x-linux-gnu-objdump';

export interface Seen {
  mnemonic: string;
  operands: string;
  /** Address objdump decoded the word at (relative operands print absolute targets). */
  addr: number;
  /** Bytes objdump consumed. */
  length: number;
}

/** Bytes objdump consumes for an opcode it does not know: 4 when available, else 2, so each word
 *  gets room for the worst case (a 6-byte word split into 4 + a following 6-byte decode). */
function stride(length: number): number {
  return length === 6 ? 12 : 4;
}

const LINE = /^\s*([0-9a-f]+):\t([0-9a-f ]+)\t(\S+)(?:\t(.*))?$/;

/** Every line objdump prints for `args`, by address (null for .long/.short: an unknown opcode). */
export function objdumpListing(args: readonly string[]): Map<number, Seen | null> {
  requireTool(OBJDUMP, 'binutils-s390x-linux-gnu');
  const out = execFileSync(OBJDUMP, args, { maxBuffer: 1 << 30, encoding: 'latin1' });
  const byAddr = new Map<number, Seen | null>();
  for (const line of out.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const addr = parseInt(m[1], 16);
    byAddr.set(addr, m[3].startsWith('.') ? null
      : { mnemonic: m[3], operands: stripSymbols(m[4] ?? ''), addr, length: m[2].trim().split(' ').length });
  }
  return byAddr;
}

/** objdump's listing of a flat binary loaded at vma (`-D -b binary -m s390:64-bit`). */
export function objdumpFlat(image: Uint8Array, vma: number): Map<number, Seen | null> {
  const dir = mkdtempSync(join(tmpdir(), 's390x-probe-'));
  try {
    const file = join(dir, 'probe.bin');
    writeFileSync(file, image);
    return objdumpListing(['-D', '-b', 'binary', '-m', 's390:64-bit', `--adjust-vma=0x${vma.toString(16)}`, file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** objdump's reading of each word (null where it prints .long/.short: an unknown opcode). */
export function probe(words: readonly Uint8Array[], vma = 0): (Seen | null)[] {
  const offsets: number[] = [];
  let size = 0;
  for (const w of words) { offsets.push(size); size += stride(w.length); }
  const image = Buffer.alloc(size, 0x07);
  words.forEach((w, i) => image.set(w, offsets[i]));
  const byAddr = objdumpFlat(image, vma);
  return offsets.map((off) => {
    const seen = byAddr.get(off + vma);
    if (seen === undefined) throw new Error(`objdump printed no line at offset ${off}`);
    return seen;
  });
}

/** objdump annotates addresses with `<symbol+off>`; the instruction text is what is compared. */
export function stripSymbols(operands: string): string {
  return operands.replace(/\s*<[^>]*>/g, '').trim();
}
