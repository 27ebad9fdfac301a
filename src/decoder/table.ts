// The one instruction table: every instruction binutils 2.40 disassembles for s390:64-bit, plus the
// privileged instructions Linux uses that binutils does not name.
import { TABLE_DATA } from './table-data.js';
import { UNNAMED_BY_BINUTILS } from './table-extra.js';
import type { InsnDef } from './insn.js';

export const INSN_TABLE: readonly InsnDef[] = [...TABLE_DATA, ...UNNAMED_BY_BINUTILS];

const BY_MNEMONIC = new Map(INSN_TABLE.map((d) => [d.mnemonic, d]));

export function insnByMnemonic(mnemonic: string): InsnDef | undefined {
  return BY_MNEMONIC.get(mnemonic);
}
