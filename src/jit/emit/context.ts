// What the per-family emitters build blocks with. Each block is one function; an exit to another
// compiled block tail-calls that block's function through the engine's table, so compiled code
// goes on from block to block without returning to JS. Guest registers live in Wasm locals
// (DESIGN decision 6): a block loads every register it touches on entry and keeps each local
// current, so all of its exits share one tail that writes back the registers it writes and ends
// in the module's leave function, which stores the CC and the PSW address, exactly as the
// interpreter leaves them, and goes on. A helper call into the interpreter writes back before and
// reloads after.
import type { Insn } from '../../decoder/insn.js';
import { Pic } from '../../runtime/interruption.js';
import * as S from '../../runtime/state.js';
import type { Expr, IrModule, IrTypes } from '../ir.js';
import { endsAfterHelper } from '../block.js';
import { JC_ABS_PAGE, JC_SLOT, JC_TAG } from '../jump-cache.js';
import { LazyCc, type CcState } from './cc.js';
import { SamePage } from './same-page.js';
import { planBranches, type BranchPlan } from './structure.js';
import {
  FIXED_LOCALS, L_ABS, L_BUDGET, L_CC_A, L_CC_B, L_CC_OP, L_CC_R, L_DONE, L_EA, L_GPR, L_HOST, L_X_CODE, L_X_COUNT, L_X_IA, L_X_ILC, L_X_SLOT, L_ZERO, PARAMS,
} from './locals.js';

/** The exit code that hands the current instruction to the interpreter (an access that missed
 *  the TLB and could not be translated, or that crosses a page): nothing of it is done. */
export const BAIL = -1;
/** The parameters of a block's entry function in the engine's table: the budget and the
 *  instructions done so far; it returns the instructions done. */
export const ENTRY_PARAMS = (B: IrTypes): number => B.createType([B.i32, B.i32]);
const PAGE = 4096;
const TLB_MASK = S.TLB_ENTRIES - 1;
/** The module functions of addModuleFunctions, and the offset of a TLB entry's store half. */
const CODE_STORE = 'codeStore';
const JUMP_CACHE = 'jumpCache';
const LEAVE = 'leave';
const TLB_STORE_HALF = 16;
/** An exit's target slot: none (return to the engine), or look the target up in the jump cache. */
const NO_SLOT = -1;
const LOOKUP = -2;
/** Where an exit may go on: a guest address known now, one known only at run time, or nowhere. */
type ExitTarget = number | 'dynamic' | null;

export type X = Expr;
export type Module = IrModule;

/** Where a block is and how many instructions it has. */
export interface BlockPlace {
  readonly addr: number;
  readonly abs: number;
  readonly length: number;
}

/** The block being compiled, with its instructions. */
export interface BlockShape extends BlockPlace {
  readonly insns: readonly Insn[];
  /** Absolute page numbers of its bytes (Block.pages). */
  readonly pages: readonly number[];
}

export interface KnownBlock extends BlockPlace {
  readonly slot: number;
}

export interface EmitOptions {
  /** Bytes of guest storage. */
  readonly storageSize: number;
  /** System mode: operands are logical addresses, translated through the MMU's TLB in the
   *  state memory (a miss calls tlbMiss); in user mode they are absolute. */
  readonly system: boolean;
  /** Call logStore(address, length) before each inline store (lockstep's undo log). */
  readonly logStores: boolean;
  /** Index of an instruction the interpreter runs for the compiled code (the helper table). */
  readonly helperIndex: (insn: Insn) => number;
  /** The block known at a guest address, reached through its slot in the engine's table of
   *  block functions (which holds a stub that returns at once while it is not compiled). */
  readonly blockAt: (addr: number) => KnownBlock | null;
  /** Where an instruction branches to if it is a relative branch whose emitter calls branch(),
   *  else -1. */
  readonly branchTarget: (insn: Insn) => number;
}

export class Emitter {
  readonly cc: LazyCc;
  insn!: Insn;
  block!: BlockShape;
  /** Index of the current instruction in the block. */
  k = 0;
  /** Set by an emitter whose code always leaves the block (or branches forward inside it). */
  terminated = false;
  /** Whether the current instruction has written a register or the CC: an access after that
   *  could hand it to the interpreter half done (see bail). */
  private changed = false;
  /** Types of the block function's locals after its parameters. */
  vars: number[] = [];
  private stmts: X[] = [];
  private readonly touched: boolean[] = new Array<boolean>(16).fill(false);
  private readonly written: boolean[] = new Array<boolean>(16).fill(false);
  /** Positions in stmts where the block's write-backs and reloads around a helper go. */
  private spillAt: number[] = [];
  private reloadAt: number[] = [];
  /** The branches that stay inside the block, and the CC states forward ones arrive with, by
   *  target index. */
  private plan: BranchPlan = planBranches([]);
  private incoming = new Map<number, CcState[]>();
  private loopHeads = new Set<number>();
  private lastTarget = -1;
  /** Where in stmts each instruction's code starts, and where the code before it ends (the
   *  two differ by what paths meeting there need). */
  private codeAt: number[] = [];
  private endsAt: number[] = [];
  private temps64: number[] = [];
  private temps32: number[] = [];
  private used64 = 0;
  private used32 = 0;
  private readonly top: number;
  /** Whether code goes into a block's function, where L_ZERO holds zero (not a module function). */
  private inBlock = false;

  /** Translations reused within a straight run of the block (system mode). */
  private readonly samePage = new SamePage(() => this.addVar(this.B.i32));

  constructor(readonly B: IrTypes, readonly m: Module, readonly opts: EmitOptions) {
    this.top = S.STORAGE_BASE + opts.storageSize - 1;
    this.cc = new LazyCc(this);
  }

  /** Starts a block's function. */
  startBlock(block: BlockShape): void {
    this.inBlock = true;
    this.block = block;
    this.vars = FIXED_LOCALS.map((t) => (t === 'i64' ? this.B.i64 : this.B.i32));
    this.temps64 = [];
    this.temps32 = [];
    this.stmts = [];
    this.touched.fill(false);
    this.written.fill(false);
    this.spillAt = [];
    this.reloadAt = [];
    const index = new Map(block.insns.map((insn, k) => [insn.addr, k]));
    this.plan = planBranches(block.insns.map((insn) => index.get(this.opts.branchTarget(insn)) ?? -1));
    this.incoming = new Map();
    this.loopHeads = new Set(this.plan.regions.filter((r) => r.kind === 'loop').map((r) => r.target));
    this.lastTarget = Math.max(-1, ...this.plan.regions.map((r) => r.target));
    this.codeAt = [];
    this.endsAt = [];
    this.samePage.reset();
    this.terminated = false;
    this.cc.setInMemory();
  }

  /** Whether no instruction after the current one can run in this pass. */
  get finished(): boolean {
    return this.terminated && this.lastTarget <= this.k;
  }

  /** Starts instruction k of the block; false where no path reaches it. */
  begin(k: number): boolean {
    this.k = k;
    this.insn = this.block.insns[k];
    this.endsAt[k] = this.stmts.length;
    this.changed = false;
    this.samePage.nextInsn();
    const arriving = this.incoming.get(k);
    if (arriving !== undefined || this.loopHeads.has(k)) this.samePage.forget();
    if (arriving !== undefined) {
      this.cc.arrive(this.terminated ? arriving : [this.cc.current, ...arriving]);
      this.terminated = false;
    }
    // Branches back to a loop's head bring the CC in the state memory.
    if (this.loopHeads.has(k)) {
      for (const x of this.cc.toMemoryStmts()) this.emit(x);
      this.cc.setInMemory();
      this.terminated = false;
    }
    this.codeAt[k] = this.stmts.length;
    if (this.terminated) return false;
    this.used64 = 0;
    this.used32 = 0;
    // An instruction running into the next page was read from where that page was mapped at
    // compile time; the interpreter takes it where that has changed.
    const page = this.block.addr - (this.block.addr % PAGE);
    if (this.opts.system && this.insn.addr + this.insn.length > page + PAGE) {
      const next = { addr: page + PAGE, abs: this.block.pages[1] * PAGE };
      this.emit(this.m.if(this.m.i32.eqz(this.fetchMapped(next)), this.bail()));
    }
    return true;
  }

  emit(x: X): void {
    this.stmts.push(x);
  }

  // ---- constants and temporaries ---------------------------------------------------------

  i32(v: number): X {
    return v === 0 && this.inBlock ? this.get32(L_ZERO) : this.m.i32.const(v | 0);
  }

  /** A 64-bit constant from its words. */
  i64(hi: number, lo: number): X {
    return this.m.i64.const((BigInt(hi | 0) << 32n) | BigInt(lo >>> 0));
  }

  /** A 64-bit constant from a safe integer (negative values are two's complement). */
  i64n(v: number): X {
    return this.m.i64.const(BigInt.asIntN(64, BigInt(v)));
  }

  /** A fresh i64 temporary local of this instruction, set to v. */
  let64(v: X): number {
    if (this.used64 === this.temps64.length) this.temps64.push(this.addVar(this.B.i64));
    const t = this.temps64[this.used64++];
    this.emit(this.m.local.set(t, v));
    return t;
  }

  let32(v: X): number {
    if (this.used32 === this.temps32.length) this.temps32.push(this.addVar(this.B.i32));
    const t = this.temps32[this.used32++];
    this.emit(this.m.local.set(t, v));
    return t;
  }

  get64(local: number): X {
    return this.m.local.get(local, this.B.i64);
  }

  get32(local: number): X {
    return this.m.local.get(local, this.B.i32);
  }

  private addVar(type: number): number {
    this.vars.push(type);
    return this.vars.length + PARAMS - 1;
  }

  // ---- general registers -------------------------------------------------------------------

  /** GPR r as an i64. */
  gpr(r: number): X {
    this.touched[r] = true;
    return this.get64(L_GPR + r);
  }

  /** Bits 32-63 of GPR r as an i32. */
  lo(r: number): X {
    return this.m.i32.wrap(this.gpr(r));
  }

  /** Bits 0-31 of GPR r as an i32. */
  hi(r: number): X {
    return this.m.i32.wrap(this.m.i64.shr_u(this.gpr(r), this.i64(0, 32)));
  }

  set64(r: number, v: X): void {
    this.touched[r] = true;
    this.written[r] = true;
    this.changed = true;
    this.samePage.written(r);
    this.emit(this.m.local.set(L_GPR + r, v));
  }

  /** Replaces bits 32-63 of GPR r with the i32 v. */
  setLo(r: number, v: X): void {
    const keep = this.m.i64.and(this.gpr(r), this.i64(-1, 0));
    this.set64(r, this.m.i64.or(keep, this.m.i64.extend_u(v)));
  }

  /** Replaces bits 0-31 of GPR r with the i32 v. */
  setHi(r: number, v: X): void {
    const keep = this.m.i64.and(this.gpr(r), this.i64(0, -1));
    this.set64(r, this.m.i64.or(keep, this.m.i64.shl(this.m.i64.extend_u(v), this.i64(0, 32))));
  }

  private registerStmts(which: readonly boolean[], store: boolean): X[] {
    const m = this.m, out: X[] = [];
    for (let r = 0; r < 16; r++) {
      if (!which[r]) continue;
      out.push(store
        ? m.i64.store(S.GPR + 8 * r, 8, this.i32(0), this.get64(L_GPR + r))
        : m.local.set(L_GPR + r, m.i64.load(S.GPR + 8 * r, 8, this.i32(0))));
    }
    return out;
  }

  // ---- storage -----------------------------------------------------------------------------

  /** D(X,B) in the 64-bit addressing mode. */
  ea(x: number, b: number, d: number): X {
    let a: X | null = null;
    if (b !== 0) a = this.gpr(b);
    if (x !== 0) a = a === null ? this.gpr(x) : this.m.i64.add(a, this.gpr(x));
    const ea = a === null ? this.i64n(d) : d === 0 ? a : this.m.i64.add(a, this.i64n(d));
    this.samePage.note(ea, x, b, d);
    return ea;
  }

  /** Checks that the n bytes at address a can be accessed (in user mode an addressing
   *  exception at this instruction if not; in system mode through the TLB, handing the
   *  instruction to the interpreter if that fails) and leaves their absolute address and host
   *  offset in locals: the big-endian field of width w at a + d is then at host offset +
   *  (n - d - w). A store checks the TLB's store half. */
  access(a: X, n: number, store = false): void {
    const m = this.m;
    if (this.changed) throw new Error(`the JIT's ${this.insn.def.mnemonic} accesses storage after it wrote a register or the CC`);
    this.emit(m.local.set(L_EA, a));
    if (this.opts.system) {
      const reuse = this.samePage.find(a, store);
      const [hit, abs] = reuse === null ? this.translate(n, store) : this.inPage(reuse.page.abs, reuse.delta, n);
      // A miss calls tlbMiss, which answers -1 where the interpreter must run the instruction.
      const miss = m.block(null, [
        m.local.set(L_ABS, m.call('tlbMiss', [m.f64.convert_u.i64(this.get64(L_EA)), this.i32(n), this.i32(store ? 1 : 0)], this.B.i32)),
        m.if(m.i32.lt_s(this.get32(L_ABS), this.i32(0)), this.bail()),
      ]);
      this.emit(m.if(hit, m.local.set(L_ABS, abs), miss));
      if (reuse === null) {
        const keep = this.samePage.remember(a, store);
        if (keep >= 0) this.emit(m.local.set(keep, this.get32(L_ABS)));
      }
    } else {
      this.emit(m.if(m.i64.gt_u(this.get64(L_EA), this.i64n(this.opts.storageSize - n)), this.fault(Pic.Addressing)));
      this.emit(m.local.set(L_ABS, m.i32.wrap(this.get64(L_EA))));
    }
    this.emit(m.local.set(L_HOST, m.i32.sub(this.i32(this.top - n + 1), this.get32(L_ABS))));
  }

  /** Whether an access of n bytes at the logical address in L_EA, `delta` bytes from an
   *  earlier access's whose absolute address is in local `abs`, lies in the same page; and its
   *  absolute address if so (same-page.ts). */
  private inPage(abs: number, delta: number, n: number): [X, X] {
    const m = this.m;
    return [
      m.i32.le_u(m.i32.add(m.i32.and(this.get32(abs), this.i32(PAGE - 1)), this.i32(delta)), this.i32(PAGE - n)),
      m.i32.add(this.get32(abs), this.i32(delta)),
    ];
  }

  /** Whether an access of n bytes at the logical address in L_EA hits the TLB, inline: the
   *  half (fetch or store) the MMU filled for its page, whose tag is the page plus the operand
   *  space number; and its absolute address if so. The tag is taken of the access's last
   *  byte, so one that runs into the next page misses too. */
  private translate(n: number, store: boolean): [X, X] {
    const m = this.m, half = store ? TLB_STORE_HALF : 0;
    const entry = this.let32(this.tlbEntry(this.get64(L_EA)));
    const last = n === 1 ? this.get64(L_EA) : m.i64.add(this.get64(L_EA), this.i64n(n - 1));
    return [
      m.i64.eq(m.i64.load(S.TLB + half, 8, this.get32(entry)), this.tlbTag(last, S.OP_SPACE)),
      m.i32.add(m.i32.load(S.TLB + half + 8, 4, this.get32(entry)), m.i32.and(m.i32.wrap(this.get64(L_EA)), this.i32(PAGE - 1))),
    ];
  }

  /** Functions every block of a module calls rather than repeats inline: what they do is rare
   *  or long, and a block's IR is what compiling costs (Binaryen and V8 alike). The TLB's hit
   *  path is not among them: inline it runs faster and compiles 15% slower, about even on the
   *  Debian boot by itself, and it lets an access reuse an earlier one's translation
   *  (same-page.ts). */
  addModuleFunctions(): void {
    this.addJumpCacheFunction();
    this.addLeaveFunction();
    if (!this.opts.system) this.addCodeStoreFunction();
  }

  /** codeStore(abs, n): a store of n bytes at abs touched a page holding code (the code map's
   *  bits for its first and last byte), so codeWrite must see it; nonzero to end the block. */
  private addCodeStoreFunction(): void {
    const m = this.m, B = this.B;
    const abs = (): X => m.local.get(0, B.i32), len = (): X => m.local.get(1, B.i32);
    const bit = (byteAddr: X): X => {
      const page = m.i32.shr_u(byteAddr, this.i32(12));
      return m.i32.shr_u(m.i32.load8_u(S.CODE_MAP, 1, m.i32.shr_u(page, this.i32(3))), m.i32.and(page, this.i32(7)));
    };
    const last = m.i32.sub(m.i32.add(abs(), len()), this.i32(1));
    m.addFunction(CODE_STORE, B.createType([B.i32, B.i32]), B.i32, [], m.if(
      m.i32.and(m.i32.or(bit(abs()), bit(last)), this.i32(1)),
      m.call('codeWrite', [abs(), len()], B.i32),
      this.i32(0)));
  }

  /** Byte offset from TLB of the entry for the i64 logical address a (the MMU's index). */
  private tlbEntry(a: X): X {
    const m = this.m;
    // Entries are 32 bytes: the page number's low bits shifted 5 left are the address's bits
    // from bit 12 shifted 7 right, which its low word holds.
    return m.i32.and(m.i32.shr_u(m.i32.wrap(a), this.i32(7)), this.i32(TLB_MASK << 5));
  }

  /** The bits of the MMU's TLB tag of the i64 logical address a in the address space whose
   *  number (plus TLB_BIAS) is the state f64 at `space`: those of TLB_BIAS plus its page plus
   *  that number (state.ts TLB_BIAS). An address at or above 2^52, which the MMU never
   *  translates, makes bits no stored tag has. */
  private tlbTag(a: X, space: number): X {
    const m = this.m;
    return m.i64.add(m.i64.and(a, this.i64(-1, -PAGE)), m.i64.load(space, 8, this.i32(0)));
  }

  /** The n-byte big-endian value at a as an i32 (n < 8), zero- or sign-extended. */
  load32(a: X, n: 1 | 2 | 4, signed: boolean): X {
    this.access(a, n);
    const m = this.m, p = this.get32(L_HOST);
    if (n === 4) return m.i32.load(0, 1, p);
    if (n === 2) return signed ? m.i32.load16_s(0, 1, p) : m.i32.load16_u(0, 1, p);
    return signed ? m.i32.load8_s(0, 1, p) : m.i32.load8_u(0, 1, p);
  }

  load64(a: X): X {
    this.access(a, 8);
    return this.m.i64.load(0, 1, this.get32(L_HOST));
  }

  /** The field of width w at host offset + off of the last access (see access), a byte zero-
   *  extended. */
  loadAt(off: number, w: 1 | 4 | 8): X {
    const p = this.get32(L_HOST);
    return w === 8 ? this.m.i64.load(off, 1, p) : w === 4 ? this.m.i32.load(off, 1, p) : this.m.i32.load8_u(off, 1, p);
  }

  storeAt(off: number, w: 1 | 2 | 4 | 8, v: X): void {
    const m = this.m, p = this.get32(L_HOST);
    this.emit(w === 8 ? m.i64.store(off, 1, p, v) : w === 4 ? m.i32.store(off, 1, p, v) : w === 2 ? m.i32.store16(off, 1, p, v) : m.i32.store8(off, 1, p, v));
  }

  /** Stores the low n bytes of v (an i32, or an i64 when n is 8) at a. */
  store(a: X, n: 1 | 2 | 4 | 8, v: X): void {
    const t = n === 8 ? this.let64(v) : this.let32(v);
    this.access(a, n, true);
    this.logStore(n);
    this.storeAt(0, n, n === 8 ? this.get64(t) : this.get32(t));
    this.stored(n);
  }

  /** Lockstep's undo log, before the n bytes of the last access are stored. */
  logStore(n: number): void {
    if (this.opts.logStores) this.emit(this.m.call('logStore', [this.get32(L_ABS), this.i32(n)], this.B.none));
  }

  /** After a store of the n bytes of the last access: in user mode a page holding code goes
   *  to codeWrite, which may end the block. (In system mode a store to such a page never gets
   *  this far: the TLB has no store entry for it, and tlbMiss hands the instruction to the
   *  interpreter.) */
  stored(n: number): void {
    const m = this.m;
    if (this.opts.system) return;
    this.emit(m.if(m.call(CODE_STORE, [this.get32(L_ABS), this.i32(n)], this.B.i32), this.exitNext()));
  }

  // ---- exits -------------------------------------------------------------------------------

  /** Leaves the block for the i64 address target after `count` instructions of this pass.
   *  Where the guest address `to` starts a known block, it goes on there by a tail call if, in
   *  system mode, its page is still mapped where it was compiled (that block returns at once
   *  unless its whole first pass fits the budget, so a run stops at its budget exactly, as the
   *  interpreter's does); a target not known now is looked up in the jump cache at run time. */
  private exit(target: X, count: number, to: ExitTarget): X {
    const m = this.m;
    let slot = this.i32(to === null ? NO_SLOT : LOOKUP);
    const b = to === null || to === 'dynamic' ? null : this.opts.blockAt(to);
    if (b !== null) slot = this.sameTranslation(b) ? this.i32(b.slot) : m.select(this.fetchMapped(b), this.i32(b.slot), this.i32(NO_SLOT));
    return m.block(null, [
      m.local.set(L_X_IA, target), m.local.set(L_X_COUNT, this.i32(count)), m.local.set(L_X_SLOT, slot), m.br('exit'),
    ]);
  }

  /** Whether block `to` is reached through the translation that reached this one: always in
   *  user mode; in system mode when both lie in one page, translated alike. */
  private sameTranslation(to: BlockPlace): boolean {
    const b = this.block;
    return !this.opts.system || (to.abs - to.addr === b.abs - b.addr && Math.floor(to.addr / PAGE) === Math.floor(b.addr / PAGE));
  }

  /** Whether the fetch half of the TLB maps block `to`'s logical page to its absolute page now. */
  private fetchMapped(to: Pick<BlockPlace, 'addr' | 'abs'>): X {
    const m = this.m;
    const page = to.addr - (to.addr % PAGE), absPage = to.abs - (to.abs % PAGE);
    const entry = S.TLB + (((page / PAGE) & TLB_MASK) << 5);
    const tag = m.i64.add(this.i64n(page), m.i64.load(S.FETCH_SPACE, 8, this.i32(0)));
    return m.i32.and(m.i64.eq(m.i64.load(entry, 8, this.i32(0)), tag), m.i32.eq(m.i32.load(entry + 8, 4, this.i32(0)), this.i32(absPage)));
  }

  /** Leaves the block for the i64 address target after the current instruction. */
  exitTo(target: X): X {
    return this.exit(target, this.k + 1, 'dynamic');
  }

  /** Leaves the block after the current instruction, at the next sequential one. */
  exitNext(): X {
    return this.exit(this.i64n(this.nextAddr()), this.k + 1, this.nextAddr());
  }

  nextAddr(): number {
    return this.insn.addr + this.insn.length;
  }

  /** The current instruction has set the CC (LazyCc). */
  ccChanged(): void {
    this.changed = true;
  }

  /** Hands the current instruction to the interpreter: the block leaves before it, through
   *  the exit tail's bail arm (every access has such a path, so it is kept short). */
  bail(): X {
    const m = this.m;
    return m.block(null, [m.local.set(L_X_IA, this.i64n(this.insn.addr)), m.local.set(L_X_COUNT, this.i32(this.k)), m.br('bail')]);
  }

  /** Raises program exception `code` at the current instruction as the interpreter does: the
   *  PSW at the next instruction, everything before it done. */
  fault(code: Pic): X {
    const m = this.m;
    return m.block(null, [
      m.local.set(L_X_CODE, this.i32(code)), m.local.set(L_X_ILC, this.i32(this.insn.length >> 1)),
      this.exit(this.i64n(this.nextAddr()), this.k, null),
    ]);
  }

  /** A branch to the guest address `target` when cond (an i32) is nonzero, or always when cond
   *  is null. One that stays inside the block (structure.ts) counts the instructions it skips
   *  as not done, or those it goes back over as not done yet; going back, it leaves the block
   *  instead when the budget does not hold another pass from there. */
  branch(target: number, cond: X | null): void {
    const m = this.m, k = this.k;
    const j = this.plan.inside.get(k) ?? -1;
    let taken: X;
    if (j < 0 || this.block.insns[j].addr !== target) taken = this.exit(this.i64n(target), k + 1, target);
    else if (j > k) {
      taken = j === k + 1 ? m.br(`f${j}`) : m.block(null, [m.local.set(L_DONE, this.doneAfter(k + 1 - j)), m.br(`f${j}`)]);
      const states = this.incoming.get(j);
      if (states === undefined) this.incoming.set(j, [this.cc.current]);
      else states.push(this.cc.current);
    } else {
      taken = m.block(null, [
        ...this.cc.toMemoryStmts(),
        m.local.set(L_DONE, this.doneAfter(k + 1 - j)),
        m.br(`l${j}`, m.i32.le_u(this.doneAfter(this.block.length), this.get32(L_BUDGET))),
        this.exit(this.i64n(target), j, null),
      ]);
    }
    if (cond === null) {
      this.emit(taken);
      this.terminated = true;
    } else this.emit(m.if(cond, taken));
  }

  /** Runs the current instruction in the interpreter. */
  helper(): void {
    const m = this.m;
    const ends = endsAfterHelper(this.insn);
    this.samePage.forget();
    this.spillAt.push(this.stmts.length);
    this.emit(m.nop());
    for (const s of this.cc.flushStmts()) this.emit(s);
    this.cc.setInMemory();
    this.emit(m.i64.store(S.PSW_IA_LO, 8, this.i32(0), this.i64n(this.nextAddr())));
    const call = m.call('helper', [this.i32(this.opts.helperIndex(this.insn)), this.doneAfter(this.k)], this.B.i32);
    // The state memory is complete here, and the helper may have changed it: leave directly.
    const leave = m.return(this.doneAfter(this.k + 1));
    if (ends) {
      this.emit(m.drop(call));
      this.emit(leave);
      this.terminated = true;
      return;
    }
    this.emit(m.if(call, leave));
    this.reloadAt.push(this.stmts.length);
    this.emit(m.nop());
  }

  private doneAfter(count: number): X {
    return this.m.i32.add(this.get32(L_DONE), this.i32(count));
  }

  /** The block's code: its entry (returning at once if a whole pass may not fit the budget,
   *  else loading what it touches), its body, and its exit tail. */
  endBlock(): X {
    const m = this.m;
    this.endsAt[this.block.length] = this.stmts.length;
    if (!this.terminated) this.emit(this.exitNext());
    for (const at of this.spillAt) this.stmts[at] = m.block(null, this.registerStmts(this.written, true));
    for (const at of this.reloadAt) this.stmts[at] = m.block(null, this.registerStmts(this.touched, false));
    const body = m.block('bail', [...this.registerStmts(this.touched, false), ...this.nested()]);
    const entry = m.block('exit', [body, m.local.set(L_X_CODE, this.i32(BAIL)), m.local.set(L_X_SLOT, this.i32(NO_SLOT))]);
    const g32 = (l: number): X => this.get32(l), g64 = (l: number): X => this.get64(l);
    return m.block(null, [
      m.if(m.i32.gt_u(this.doneAfter(this.block.length), g32(L_BUDGET)), m.return(g32(L_DONE))),
      entry,
      ...this.registerStmts(this.written, true),
      m.return_call(LEAVE, [
        g32(L_BUDGET), m.i32.add(g32(L_DONE), g32(L_X_COUNT)), g64(L_X_IA), g32(L_X_CODE), g32(L_X_ILC), g32(L_X_SLOT),
        g32(L_CC_OP), g64(L_CC_A), g64(L_CC_B), g64(L_CC_R),
      ], this.B.i32),
    ]);
  }

  /** The block's statements inside the Wasm blocks and loops its branches need: a region of
   *  instructions [start, end) spans the statements from the code of its first instruction to
   *  the end of its last (or the block's end). */
  private nested(): X[] {
    const m = this.m, stmts = this.stmts;
    const endOf = (k: number): number => this.endsAt[k] ?? stmts.length;
    const spans = this.plan.regions.map((r) => ({ r, from: this.codeAt[r.start] ?? stmts.length, to: endOf(r.end) }));
    spans.sort((a, b) => a.from - b.from || b.to - a.to);
    let i = 0;
    const build = (from: number, to: number): X[] => {
      const out: X[] = [];
      let p = from;
      while (i < spans.length && spans[i].from < to) {
        const { r, from: f, to: t } = spans[i++];
        out.push(...stmts.slice(p, f));
        const inner = build(f, t);
        out.push(r.kind === 'block' ? m.block(`f${r.target}`, inner) : m.loop(`l${r.target}`, m.block(null, inner)));
        p = t;
      }
      out.push(...stmts.slice(p, to));
      return out;
    };
    return build(0, stmts.length);
  }

  /** Tail-calls the block in table slot `slot`. */
  private chain(slot: X): X {
    return this.m.return_call_indirect('blocks', slot, [this.get32(L_BUDGET), this.get32(L_DONE)], ENTRY_PARAMS(this.B), this.B.i32);
  }

  /** The module function every block's exit tail ends in, once the block has written back
   *  the registers it wrote: leave(budget, done, ia, code, ilc, slot, ccOp, ccA, ccB, ccR) stores
   *  the CC from the lazy CC's locals (ccOp -1: the state memory holds it) and the PSW address
   *  ia, then raises program exception `code` (BAIL: returns, for the interpreter to run the
   *  instruction at ia), or tail-calls the block in table slot `slot` (LOOKUP: the one the jump
   *  cache finds for ia), or returns. Its first two parameters are a block function's, so the
   *  tail call passes them on as chain() does. Shared, the tail is one call a block rather than
   *  ~50 nodes of IR, which is what compiling costs. */
  private addLeaveFunction(): void {
    const m = this.m, B = this.B;
    const [ia, code, ilc, slot] = [2, 3, 4, 5];
    const done = (): X => m.local.get(L_DONE, B.i32);
    const params = [B.i32, B.i32, B.i64, B.i32, B.i32, B.i32, B.i32, B.i64, B.i64, B.i64];
    m.addFunction(LEAVE, B.createType(params), B.i32, [], m.block(null, [
      this.cc.dynamicFlush(6, 7, 8, 9),
      m.i64.store(S.PSW_IA_LO, 8, this.i32(0), m.local.get(ia, B.i64)),
      // A program exception throws from fault; a bail returns.
      m.if(m.local.get(code, B.i32), m.block(null, [
        m.call('fault', [m.local.get(code, B.i32), m.local.get(ilc, B.i32), done()], B.none), m.return(done()),
      ])),
      m.if(m.i32.eq(m.local.get(slot, B.i32), this.i32(LOOKUP)), m.local.set(slot, m.call(JUMP_CACHE, [m.local.get(ia, B.i64)], B.i32))),
      m.if(m.i32.ge_s(m.local.get(slot, B.i32), this.i32(0)), this.chain(m.local.get(slot, B.i32))),
      m.return(done()),
    ]));
  }

  /** The module function that finds where an exit whose target is known only at run time goes
   *  on: the jump cache's slot for address ia if it is that address and (system mode) the fetch
   *  TLB maps its page there; else -1. */
  private addJumpCacheFunction(): void {
    const m = this.m, B = this.B, f64 = m.f64;
    const ia = (): X => m.local.get(0, B.i64), at = (): X => m.local.get(1, B.i32), tlb = (): X => m.local.get(2, B.i32);
    const stmts: X[] = [m.local.set(1, m.i32.shl(m.i32.and(m.i32.xor(
      m.i32.wrap(m.i64.shr_u(ia(), this.i64(0, 1))), m.i32.wrap(m.i64.shr_u(ia(), this.i64(0, S.JUMP_CACHE_HASH_SHIFT)))),
    this.i32(S.JUMP_CACHE_ENTRIES - 1)), this.i32(5)))];
    let ok = f64.eq(f64.load(S.JUMP_CACHE + JC_TAG, 8, at()), f64.convert_u.i64(ia()));
    if (this.opts.system) {
      stmts.push(m.local.set(2, this.tlbEntry(ia())));
      ok = m.i32.and(ok, m.i32.and(
        m.i64.eq(m.i64.load(S.TLB, 8, tlb()), this.tlbTag(ia(), S.FETCH_SPACE)),
        m.i32.eq(m.i32.load(S.TLB + 8, 4, tlb()), m.i32.load(S.JUMP_CACHE + JC_ABS_PAGE, 4, at()))));
    }
    stmts.push(m.select(ok, m.i32.load(S.JUMP_CACHE + JC_SLOT, 4, at()), this.i32(NO_SLOT)));
    m.addFunction(JUMP_CACHE, B.i64, B.i32, [B.i32, B.i32], m.block(null, stmts, B.i32));
  }
}
