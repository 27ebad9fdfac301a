// Block discovery: a straight run of decoded instructions from an address, ending after a
// branch or an instruction that ends a block, at a page end, or at MAX_BLOCK instructions. A
// conditional branch the JIT emits itself does not end it: the block leaves through a side
// exit when the branch is taken and runs on when it is not. A relative branch forward inside
// the block goes there within its code, so a block that would end goes on where such a branch
// lands right after it (a loop's `brct` over a `j` back to its start).
import { InsnFlag, type Insn } from '../decoder/insn.js';
import { AS_DOUBLE } from '../interp/cpu.js';
import type { DecodeFn } from '../interp/decode-cache.js';
import type { Handler } from '../interp/registry.js';
import { PAGE_SHIFT, type Storage } from '../runtime/storage.js';
import type { EmitFn } from './emit/family.js';

export const MAX_BLOCK = 64;

/** A compiled block's entry function: runs it with an instruction budget and the instructions
 *  done so far, and returns the instructions done when it stops. */
export type BlockFn = (budget: number, done: number) => number;

export interface Block {
  /** Logical address of the first instruction, and the absolute address of its bytes (the
   *  same in user mode). */
  readonly addr: number;
  readonly abs: number;
  /** Absolute address after its last byte. */
  readonly end: number;
  /** Instructions in it. They are decoded again when it is compiled (scanBlock), since a
   *  store may have bypassed the hooks that invalidate it. */
  readonly length: number;
  /** Absolute pages holding its bytes: the first, and the one its last instruction runs into
   *  if it does (its bytes there start at that page's start). */
  readonly pages: readonly number[];
  /** Entries while interpreted. */
  count: number;
  /** Instructions executed at its last interpreted entry (set before it is read). */
  lastEntry: number;
  /** Left out of a batch once, as idle (JitOptions.idle). */
  idled: boolean;
  /** While it is interpreted: its instructions and their handlers (Cpu.runDecoded). Dropped
   *  when it is compiled or invalidated. */
  decoded: Decoded | null;
  /** How many of its instructions, from the first, its interpreted runs have reached: where it
   *  is compiled, those after them have not run in all its interpreted passes (0: not known). */
  reach: number;
  /** Compiled code: runs at least one pass of this block and goes on through compiled blocks
   *  while the budget lasts. */
  fn: BlockFn | null;
  /** Its entry in the engine's table of entry functions (a stub while not compiled), given
   *  when compiled code first refers to it; -1 before. */
  slot: number;
  /** Cleared when a store to one of its pages invalidates it. */
  valid: boolean;
  queued: boolean;
}

const COMPARE_AND_BRANCH = ['crj', 'cgrj', 'clrj', 'clgrj', 'cij', 'cgij', 'clij', 'clgij'];
const ALWAYS_CONDITIONAL = new Set(['brct', 'brctg', ...COMPARE_AND_BRANCH]);
/** Relative branches the JIT emits by where their offset is: RI2 or RI4. */
const BRANCH_RI2 = new Set(['brc', 'brcl', 'brct', 'brctg']);
const BRANCH_RI4 = new Set(COMPARE_AND_BRANCH);

/** The address a relative branch the JIT emits goes to, or -1. */
export function relativeTarget(insn: Insn, emitters: ReadonlyMap<string, EmitFn>): number {
  const m = insn.def.mnemonic;
  if (!emitters.has(m)) return -1;
  return BRANCH_RI2.has(m) ? insn.addr + 2 * insn.ri2 : BRANCH_RI4.has(m) ? insn.addr + 2 * insn.ri4 : -1;
}

/** Instructions that may end a block but mostly do not, after which the block goes on past a
 *  helper running them, and leaves where the helper finds that it must (Emitter.helper,
 *  JitEngine.helper): EXECUTE's target may branch, but mostly does not (Linux runs MVC and CLC
 *  of a length in a register so); the system-mask setters may enable an interruption or turn
 *  DAT off or on, but mostly only save and restore the interruption masks (Linux's
 *  local_irq_save and restore), or turn DAT off where the next instruction is fetched from the
 *  same place. */
const GOES_ON = new Set(['ex', 'exrl', 'stnsm', 'stosm', 'ssm']);

/** Whether the block ends after insn when an interpreter helper runs it. */
export function endsAfterHelper(insn: Insn): boolean {
  return (insn.def.flags & (InsnFlag.Branch | InsnFlag.EndsBlock)) !== 0 && !GOES_ON.has(insn.def.mnemonic);
}

/** Whether the block goes on after insn, which may branch or end it: it is emitted and may
 *  fall through, or it is an EXECUTE. */
function fallsThrough(insn: Insn, emitters: ReadonlyMap<string, EmitFn>): boolean {
  const m = insn.def.mnemonic;
  if (!emitters.has(m)) return !endsAfterHelper(insn);
  if (m === 'brc' || m === 'brcl') return (insn.m1 & 15) !== 15;
  if (m === 'bcr') return (insn.m1 & 15) !== 15 || insn.r2 === 0;
  return ALWAYS_CONDITIONAL.has(m);
}

export interface DiscoverOptions {
  /** Whether a block may hold an instruction that runs into the next page at the next absolute
   *  page (user mode). */
  readonly crossPage: boolean;
  /** Whether a block may hold instructions the JIT does not emit (lockstep in system mode
   *  leaves them out, so their effects outside the state happen once). */
  readonly helpers: boolean;
  /** System mode: where the logical page at la is fetched from now, null where that fetch
   *  faults. A block may then end with an instruction that runs into that page (compiled code
   *  checks the translation before it; see Block.pages). */
  readonly fetchPage?: (la: number) => number | null;
}

/** The instructions of the block at logical address ia, whose bytes are at absolute address
 *  abs, the address after them (in the first page's terms: past its end when the last
 *  instruction runs into the next page) and the pages holding them; null when no instruction
 *  there decodes (the interpreter then raises whatever the fetch raises). */
export function scanBlock(
  storage: Storage, decode: DecodeFn, abs: number, ia: number, emitters: ReadonlyMap<string, EmitFn>, opts: DiscoverOptions,
): { insns: Insn[]; end: number; pages: number[] } | null {
  const insns: Insn[] = [];
  const page = abs >>> PAGE_SHIFT;
  const pages: number[] = [page];
  const pageEnd = (page + 1) << PAGE_SHIFT;
  let a = abs;
  const targets = new Set<number>();
  while (insns.length < MAX_BLOCK && a < pageEnd) {
    if (a > storage.size - 2) break;
    const first = storage.read16(a);
    const len = first >>> 14 === 0 ? 2 : first >>> 14 === 3 ? 6 : 4;
    // The bytes past the page end come from wherever the next logical page is.
    let next = pageEnd;
    if (a + len > pageEnd) {
      const at = opts.crossPage ? pageEnd : opts.fetchPage?.(ia + (pageEnd - abs)) ?? null;
      if (at === null || at > storage.size - 4) break;
      next = at;
      pages.push(at >>> PAGE_SHIFT);
    } else if (a > storage.size - len) break;
    const half = (x: number): number => storage.read16(x < pageEnd ? x : next + (x - pageEnd));
    const hi = (first << 16) | (len > 2 ? half(a + 2) : 0);
    const lo = len === 6 ? half(a + 4) << 16 : 0;
    const insn = decode(hi >>> 0, lo >>> 0, ia + (a - abs));
    if (insn === undefined || (!opts.helpers && !emitters.has(insn.def.mnemonic))) {
      if (pages.length > 1) pages.pop();
      break;
    }
    insns.push(insn);
    a += len;
    const t = relativeTarget(insn, emitters);
    if (t > insn.addr) targets.add(t);
    if ((insn.def.flags & (InsnFlag.Branch | InsnFlag.EndsBlock)) !== 0 && !fallsThrough(insn, emitters)
      && !targets.has(ia + (a - abs))) break;
  }
  return insns.length === 0 ? null : { insns, end: a, pages };
}

/** A run of instructions with the interpreter's handler of each (Cpu.runDecoded). */
export interface Decoded {
  readonly insns: readonly Insn[];
  readonly execs: readonly Handler[];
}

export function withHandlers(insns: readonly Insn[], handler: (insn: Insn) => Handler): Decoded {
  return { insns, execs: insns.map(handler) };
}

/** The block at logical address ia, whose bytes are at absolute address abs (see scanBlock),
 *  with the interpreter's handler of each instruction. */
export function discoverBlock(
  storage: Storage, decode: DecodeFn, abs: number, ia: number, emitters: ReadonlyMap<string, EmitFn>, opts: DiscoverOptions,
  handler: (insn: Insn) => Handler,
): Block | null {
  const scan = scanBlock(storage, decode, abs, ia, emitters, opts);
  if (scan === null) return null;
  // The addresses start as doubles (AS_DOUBLE): the first block of user space, above 2^31,
  // would otherwise change the map of every block.
  const block = {
    addr: AS_DOUBLE, abs: AS_DOUBLE, end: AS_DOUBLE, length: scan.insns.length, pages: scan.pages, count: 0, lastEntry: AS_DOUBLE, idled: false,
    decoded: withHandlers(scan.insns, handler), reach: 0, fn: null, slot: -1, valid: true, queued: false,
  };
  block.addr = ia;
  block.abs = abs;
  block.end = scan.end;
  return block;
}
