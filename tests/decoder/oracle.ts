// The binutils oracle for decoder tests, as text per address, and the real guests.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { guestDir } from '../../src/boot/guests.js';
import { objdumpFlat, objdumpListing, type Seen } from '../../tools/insn-table/probe.js';

export function requireGuest(name: 'vmlinuz' | 'busybox'): string {
  const path = join(guestDir(), name);
  if (!existsSync(path)) throw new Error(`guest ${path} is missing: run \`npx s390x-wasm fetch\` (npm test does)`);
  return path;
}

/** "mnemonic\toperands" as objdump prints it, or "." for a directive (an unknown opcode). */
export const seenText = (s: Seen | null): string => (s ? (s.operands ? `${s.mnemonic}\t${s.operands}` : s.mnemonic) : '.');

function asText(listing: Map<number, Seen | null>): Map<number, string> {
  return new Map([...listing].map(([addr, s]) => [addr, seenText(s)]));
}

/** address -> objdump's text for every line `objdump args` prints. */
export function objdumpLines(args: string[]): Map<number, string> {
  return asText(objdumpListing(args));
}

export function objdumpRaw(bytes: Uint8Array, vma: number): Map<number, string> {
  return asText(objdumpFlat(bytes, vma));
}

export const isDirective = (text: string) => text.startsWith('.');
