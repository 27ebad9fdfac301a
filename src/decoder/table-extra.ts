// Privileged instructions Linux executes that binutils 2.40 does not name (the kernel emits them
// with .insn). Operands follow the PoP; objdump prints these words as .long.
import { InsnFlag } from './insn.js';
import { f, r } from './table-rows.js';

const PRIV = InsnFlag.Privileged | InsnFlag.NotInBinutils;

export const UNNAMED_BY_BINUTILS = [
  r('servc', 0xb2, 0x20, 8, 'RRE', 'z900', 0, PRIV | InsnFlag.SetsCC | InsnFlag.EndsBlock, [f('servc', 'gpr:r1 gpr:r2', 0, '')]),
  r('chsc', 0xb2, 0x5f, 8, 'RRE', 'z990', 0, PRIV | InsnFlag.SetsCC, [f('chsc', 'gpr:r1 gpr:r2', 0, '')]),
  r('pqap', 0xb2, 0xaf, 8, 'RRE', 'z9-109', 0, PRIV | InsnFlag.SetsCC, [f('pqap', '', 0, '')]),
  r('sic', 0xb2, 0xd1, 8, 'RRE', 'z196', 0, PRIV | InsnFlag.SetsCC, [f('sic', 'gpr:r1 gpr:r2', 0, '')]),
  r('clp', 0xb9, 0xa0, 8, 'RRF-c', 'z196', 0, PRIV | InsnFlag.SetsCC, [f('clp', 'gpr:r1 gpr:r2 uimm:m3', 0, '')]),
  r('uvc', 0xb9, 0xa4, 8, 'RRF-c', 'z14', 0, PRIV | InsnFlag.SetsCC, [f('uvc', 'gpr:r1 gpr:r2 uimm:m3', 0, '')]),
  r('essa', 0xb9, 0xab, 8, 'RRF-c', 'z10', 0, PRIV | InsnFlag.SetsCC, [f('essa', 'gpr:r1 gpr:r2 uimm:m3', 0, '')]),
];
