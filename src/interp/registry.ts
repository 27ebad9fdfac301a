// Instruction semantics are registered by base mnemonic (InsnDef.mnemonic, binutils names).
// Each family file under ops/ exports a table of handlers; ops/index.ts registers them all.
import type { Insn } from '../decoder/insn.js';
import type { Cpu } from './cpu.js';

/** Executes one decoded instruction. On entry the PSW instruction address already designates
 *  the next sequential instruction; a branch overwrites it. Exceptions are thrown. */
export type Handler = (cpu: Cpu, insn: Insn) => void;

export type HandlerTable = Readonly<Record<string, Handler>>;

const handlers = new Map<string, Handler>();

export function register(table: HandlerTable): void {
  for (const [mnemonic, handler] of Object.entries(table)) {
    if (handlers.has(mnemonic)) throw new Error(`handler for ${mnemonic} registered twice`);
    handlers.set(mnemonic, handler);
  }
}

export function handlerFor(mnemonic: string): Handler | undefined {
  return handlers.get(mnemonic);
}

/** Mnemonics that have semantics (for the facility list, tests and --stats). */
export function implementedMnemonics(): string[] {
  return [...handlers.keys()].sort();
}
