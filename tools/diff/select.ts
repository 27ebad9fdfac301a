// Which instructions the per-instruction harness tests: every row of the instruction table that
// a problem-state program may execute and the interpreter implements, minus the few whose result
// is not a function of the state the harness controls (each named with the reason).
import { FORMAT_BY_NAME } from '../../src/decoder/formats.js';
import { InsnFlag, type InsnDef } from '../../src/decoder/insn.js';
import { INSN_TABLE } from '../../src/decoder/table.js';
import { handlerFor } from '../../src/interp/registry.js';
import { registerAllOps } from '../../src/interp/ops/index.js';
import { encodable } from './program.js';

export const NOT_HARNESSED: Readonly<Record<string, string>> = {
  svc: 'is a system call: it leaves the harness',
  ex: 'executes another instruction: covered with chosen targets in tests/interp',
  exrl: 'executes another instruction: covered with chosen targets in tests/interp',
  stck: 'reads the clock', stckf: 'reads the clock', stcke: 'reads the clock',
  stfle: 'reports the facility list, which differs from the QEMU CPU model by design',
  stfl: 'reports the facility list, which differs from the QEMU CPU model by design',
  ecag: 'reports the cache topology of the model',
  sam24: 'switches the addressing mode under the harness', sam31: 'switches the addressing mode under the harness',
  sam64: 'switches the addressing mode under the harness',
  bsm: 'switches the addressing mode under the harness', bassm: 'switches the addressing mode under the harness',
  mc: 'monitor call depends on control register 8',
  cmpsc: 'compression dictionaries are not generated',
  trap2: 'traps through the DUCT', trap4: 'traps through the DUCT',
  sfasr: 'qemu-s390x-static 7.2 aborts (assertion) on random FPC values, so there is no oracle',
};

/** Instructions QEMU 7.2's linux-user does not implement (an operation exception in every state),
 *  so this harness cannot compare them; tests/fp checks them against PoP identities instead. */
export const ORACLE_LACKS: ReadonlySet<string> = new Set([
  'ap', 'sp', 'mp', 'dp', 'zap', 'cp', 'srp', 'cvb', 'cvby', 'cvbg', 'cvdg', 'ed', 'edmk',
]);

export interface Candidate {
  readonly def: InsnDef;
  /** Why it is not tested, when it is not. */
  readonly skip?: string;
}

export function harnessCandidates(): Candidate[] {
  registerAllOps();
  return INSN_TABLE.map((def): Candidate => {
    const format = FORMAT_BY_NAME.get(def.format);
    if ((def.flags & (InsnFlag.Privileged | InsnFlag.SemiPrivileged)) !== 0) return { def, skip: 'privileged' };
    if (!handlerFor(def.mnemonic)) return { def, skip: 'not implemented by the interpreter' };
    if (!format || def.format.startsWith('V')) return { def, skip: 'vector format' };
    if (NOT_HARNESSED[def.mnemonic]) return { def, skip: NOT_HARNESSED[def.mnemonic] };
    if (!encodable(def)) return { def, skip: 'relative field the harness cannot encode' };
    return { def };
  });
}
