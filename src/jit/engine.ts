// The JIT engine: interprets cold blocks, counts their entries, compiles the hot ones in
// batches, and enters compiled blocks from its run loop. Compiled code leaves the state memory
// exactly as the interpreter would at every exit, so the two hand over freely. In system mode
// (the CPU has an MMU) blocks are found by the absolute address of their bytes and the logical
// address they run at, and compiled code translates operands through the MMU's TLB; a run stops
// at its instruction budget exactly, as the interpreter's does, so interruptions come at the
// same instruction under either engine.
import { decodeWords } from '../decoder/decode.js';
import type { Insn } from '../decoder/insn.js';
import type { Cpu, StopReason } from '../interp/cpu.js';
import { addressNumber, AS_DOUBLE, PSW0_CC, PSW0_DAT, PSW0_EXT, PSW0_IO, PSW0_MCHECK, PSW0_WAIT, StopRequest } from '../interp/cpu.js';
import { CACHE_MASK, type DecodeFn } from '../interp/decode-cache.js';
import type { Handler } from '../interp/registry.js';
import { ProgramException } from '../runtime/interruption.js';
import * as S from '../runtime/state.js';
import { binaryenBackend } from './binaryen.js';
import type { IrBackend, IrTypes } from './ir.js';
import type { Mmu } from '../runtime/mmu.js';
import { discoverBlock, scanBlock, withHandlers, type Block, type DiscoverOptions } from './block.js';
import { CodeMap } from './code-map.js';
import { Compiler, type JitImports } from './compiler.js';
import type { ModuleOptions } from './module-builder.js';
import { BAIL, ENTRY_PARAMS, type KnownBlock, type Module } from './emit/context.js';
import { emitterTable } from './emit/index.js';
import { JumpCache } from './jump-cache.js';
import { RecentDecoded } from './recent-decoded.js';
import { compileModulesEagerly, instantiate, WA, type WasmTable } from './wasm.js';
import { directBackend } from './wasm-builder.js';

export interface JitOptions {
  /** Interpreted entries after which a block is compiled. By default 32 in user mode, and 64
   *  in system mode, where much code runs a few dozen times only (the Debian boot took
   *  14.7-15.6 s at 64, 15.5-17.2 s at 32 in alternating runs; 128 was no faster than 64). */
  readonly threshold?: number;
  /** Hot blocks compiled together in one module. Large batches: every module instance that
   *  imports the table of block functions makes V8's table updates and instantiation dearer
   *  (the Debian boot: 1,266 modules of 32 took 43-52 s, 333 modules of 256 took 26-28 s). */
  readonly batch?: number;
  /** Instructions executed after which a partial batch is compiled anyway. Long: a block that
   *  gets hot while queued compiles its batch at once (URGENT), and every module costs V8 time
   *  in proportion to the table (the Debian boot: 4 M made 460 modules and 4.4 s of compiling,
   *  64 M 195 modules and 3.2 s, with 1.4% more instructions interpreted). */
  readonly maxWait?: number;
  /** Instructions since its last interpreted entry after which a queued block is left out of
   *  its batch when the batch compiles, the first time it is queued: a loop that ran past the
   *  threshold has mostly finished by then (the Debian boot compiled 45% of its instructions in
   *  blocks entered fewer than 100 times after). Its count starts again from half the
   *  threshold; queued again, it has shown that it recurs (a shell's loop whose passes run
   *  longer than this), and compiles. Default 10,000. */
  readonly idle?: number;
  /** Instructions of interpreted blocks kept decoded (recent-decoded.ts). Default 131,072: the
   *  Debian boot decodes ~420,000, and the objects of those dropped are decoded into again, so
   *  keeping fewer costs decoding, not allocation, while each scavenge copies what is kept
   *  (boot-ab, 131,072 against 262,144: 0.966 warm and 0.945 cold at the minimum; 65,536:
   *  1.00-1.03; promoted bytes 130-146 MB at 262,144, 78-88 MB at 131,072). */
  readonly keepDecoded?: number;
  /** What builds the Wasm modules (ir.ts): the direct builder (default), or Binaryen, which
   *  loadBinaryen() must have loaded. */
  readonly backend?: 'direct' | 'binaryen';
  /** Families the JIT leaves to the interpreter (emit/index.ts). */
  readonly disabled?: ReadonlySet<string>;
  /** Compiled stores call the lockstep undo log first. */
  readonly logStores?: boolean;
  /** Whether blocks may call the interpreter for instructions the JIT does not emit (default
   *  true; lockstep in system mode turns it off, see DiscoverOptions). */
  readonly helpers?: boolean;
  readonly validate?: boolean;
  /** Measures where the run's time goes (JitStats interpretMs, compiledMs, helperMs), at the
   *  cost of a clock read around each interpreted or compiled run and each helper call. */
  readonly timing?: boolean;
}

export interface JitStats {
  blocksCompiled: number;
  insnsCompiled: number;
  /** Of those, run through an interpreter helper. */
  insnsHelped: number;
  modules: number;
  compileMs: number;
  /** Instructions completed in compiled code. */
  insnsRunCompiled: number;
  /** Calls from the engine into compiled code (each goes on through chained blocks). */
  compiledRuns: number;
  /** Instructions the interpreter ran for the engine (cold blocks, TLB misses it had to take). */
  insnsInterpreted: number;
  /** Instructions compiled code ran through an interpreter helper. */
  helperCalls: number;
  /** With the timing option: milliseconds in the interpreter for the engine, in compiled code
   *  (helpers included), and in helpers. */
  interpretMs: number;
  compiledMs: number;
  helperMs: number;
}

const W_MASK0 = S.PSW_MASK0 >> 2;
const W_IA_LO = S.PSW_IA_LO >> 2;
const W_MASK1 = S.PSW_MASK1 >> 2;
const W_IA_HI = S.PSW_IA_HI >> 2;
const LIMIT: StopReason = { kind: 'limit' };
const INTERRUPTION_MASKS = PSW0_IO | PSW0_EXT | PSW0_MCHECK;
const PAGE = 4096;
/** Instructions interpreted at a time in another addressing mode, where no block can run. */
const UNCOMPILED_RUN = 16;
/** A queued block entered this many times the threshold compiles its batch at once. */
const URGENT = 16;
/** Slots the table starts with; it doubles when full. V8 updates every instance importing a
 *  table on each grow and set, so both are kept rare (slots are given only to blocks compiled
 *  code refers to, and new slots already hold the stub): the Debian boot gives ~13,000, and
 *  growing 1,024 at a time took 0.2 s. Instantiating a module costs in proportion to the table
 *  too: starting at 16,384 made busybox's gzip compile 64.7 us a guest instruction, not 44.9. */
const TABLE_INITIAL = 1024;

/** A one-function module's export `f`, whose body build makes in module m; it imports the
 *  table of block functions if one is given. */
function oneFunction(
  backend: IrBackend, build: (m: Module) => number, params: (B: IrTypes) => number, table: WasmTable | null,
): unknown {
  const B = backend.types, m = backend.module();
  try {
    if (table !== null) m.addTableImport('blocks', 'env', 'blocks');
    m.addFunction('f', params(B), B.i32, [], build(m));
    m.addFunctionExport('f', 'f');
    return instantiate(m.emitBinary(), table === null ? {} : { env: { blocks: table } }).exports.f;
  } finally {
    m.dispose();
  }
}

/** The entry function of a block not compiled: it returns at once (the state memory is already
 *  complete when a tail call reaches it), so the engine takes over at that block. */
function stubEntry(backend: IrBackend): unknown {
  return oneFunction(backend, (m) => m.local.get(1, backend.types.i32), ENTRY_PARAMS, null);
}

/** How the engine enters compiled code: enter(slot, budget) runs the block in that table slot.
 *  One function for every block, so V8 makes one fast JS-to-Wasm wrapper for it instead of
 *  taking its generic one into each block's own export. */
function enterFunction(backend: IrBackend, table: WasmTable): (slot: number, budget: number) => number {
  const B = backend.types;
  const body = (m: Module): number =>
    m.return_call_indirect('blocks', m.local.get(0, B.i32), [m.local.get(1, B.i32), m.i32.const(0)], ENTRY_PARAMS(B), B.i32);
  return oneFunction(backend, body, (b) => b.createType([b.i32, b.i32]), table) as (slot: number, budget: number) => number;
}

/** Whether a store of n bytes at absolute address a, in page p, rewrites bytes of block b. */
function rewrites(b: Block, p: number, a: number, n: number): boolean {
  // A block's bytes in its second page start at that page's start.
  const first = p === b.pages[0], start = first ? b.abs : p * PAGE;
  const end = first ? b.end : start + b.end - (b.pages[0] + 1) * PAGE;
  return end > a && start < a + n;
}

export class JitEngine implements JitImports {
  readonly stats: JitStats = {
    blocksCompiled: 0, insnsCompiled: 0, insnsHelped: 0, modules: 0, compileMs: 0, insnsRunCompiled: AS_DOUBLE, compiledRuns: 0,
    insnsInterpreted: 0, helperCalls: 0, interpretMs: 0, compiledMs: 0, helperMs: 0,
  };
  /** Told each address a store log must save before a compiled store (lockstep). */
  onStore: ((a: number, n: number) => void) | null = null;
  private readonly threshold: number;
  private readonly batch: number;
  private readonly maxWait: number;
  private readonly idle: number;
  private readonly emitters;
  private readonly compiler: Compiler;
  private readonly codeMap: CodeMap;
  private readonly tags = new Uint32Array(CACHE_MASK + 1).fill(1);
  private readonly slots: (Block | undefined)[] = new Array<Block | undefined>(CACHE_MASK + 1);
  /** Blocks by absolute address, and the last one found at each logical address. */
  private readonly byAbs = new Map<number, Block>();
  private readonly byLogical = new Map<number, Block>();
  /** Every block's entry function by slot: compiled code tail-calls through it. */
  private readonly stub: unknown;
  private readonly table: WasmTable;
  private readonly enter: (slot: number, budget: number) => number;
  private nextSlot = 0;
  private readonly jumpCache: JumpCache;
  private readonly byPage = new Map<number, Block[]>();
  /** Invalidated blocks that had a slot, by absolute address (inheritSlot). */
  private readonly forgotten = new Map<number, Block>();
  private queue: Block[] = [];
  /** Instructions executed when the queue's first block was queued (set before it is read). */
  private queuedAt = AS_DOUBLE;
  /** Blocks invalidated so far, and when the compiled code running now was entered: helpers
   *  end that run at once if any block became invalid under it, since it may chain to it. */
  private invalidations = 0;
  private invalidationsAtEntry = 0;
  /** Where a helper or fault stopped: instructions completed before it, and its length. */
  private faultDone = 0;
  private faultIlc = 0;
  /** Logical address of the instruction that raised it (Cpu.faultIa; set before it is read). */
  private faultAt = AS_DOUBLE;
  /** Compiled code handed the instruction at the PSW to the interpreter (BAIL). */
  private bailed = false;
  private readonly mmu: Mmu | null;
  private readonly discover: DiscoverOptions;
  private readonly handler: (insn: Insn) => Handler;
  private readonly decoded: RecentDecoded;
  private readonly timing: boolean;

  constructor(readonly cpu: Cpu, opts: JitOptions = {}) {
    const backend = opts.backend === 'binaryen' ? binaryenBackend() : directBackend;
    compileModulesEagerly();
    this.stub = stubEntry(backend);
    this.table = new WA.Table({ initial: TABLE_INITIAL, element: 'anyfunc' }, this.stub);
    this.enter = enterFunction(backend, this.table);
    this.mmu = cpu.mmu;
    const mmu = this.mmu;
    this.discover = {
      crossPage: mmu === null, helpers: opts.helpers ?? true, fetchPage: mmu === null ? undefined : (la) => mmu.probeFetch(la),
    };
    this.threshold = opts.threshold ?? (mmu === null ? 32 : 64);
    this.batch = opts.batch ?? 256;
    this.maxWait = opts.maxWait ?? 64_000_000;
    this.idle = opts.idle ?? 10_000;
    this.timing = opts.timing ?? false;
    this.decoded = new RecentDecoded(opts.keepDecoded ?? 1 << 17);
    this.stats.insnsRunCompiled = 0;
    this.emitters = emitterTable(opts.disabled ?? new Set());
    this.handler = (insn) => cpu.cache.handler(insn);
    const storage = cpu.storage;
    if (mmu !== null) mmu.codeStoresMiss = true;
    this.codeMap = new CodeMap(cpu.state.memory, storage, mmu);
    this.jumpCache = new JumpCache(cpu.state.memory);
    const module: ModuleOptions = {
      storageSize: storage.size, memoryPages: cpu.state.memory.buffer.byteLength / 65536, system: mmu !== null,
      logStores: opts.logStores ?? false, validate: opts.validate ?? false,
    };
    this.compiler = new Compiler({
      memory: cpu.state.memory, table: this.table, blockAt: (addr) => this.blockAt(addr), emitters: this.emitters, module,
      handler: this.handler, backend,
    }, this);
    storage.onCodeWrite((page, a, n) => this.dropPage(page, a, n));
    cpu.cache.onMarkCode = (page) => this.codeMap.set(page);
  }

  /** Executes maxInsns instructions and stops early as Cpu.run (user mode) or Cpu.runSystem
   *  does. */
  run(maxInsns: number): StopReason {
    const cpu = this.cpu, u = cpu.u;
    const end = cpu.executed + maxInsns;
    while (cpu.executed < end) {
      const left = end - cpu.executed;
      const blk = cpu.amode === 64 && (u[W_MASK0] & PSW0_WAIT) === 0 ? this.lookup(u[W_IA_HI], u[W_IA_LO]) : null;
      let r: StopReason | null;
      // Without a block in the 64-bit mode, the instruction is one the interpreter must take (it
      // straddles a page, or its fetch faults): the next one may start a compiled block again.
      if (blk === null) r = this.interpret(Math.min(left, cpu.amode === 64 ? 1 : UNCOMPILED_RUN));
      else if (blk.length > left) r = this.interpret(left);
      else if (blk.fn !== null) {
        // Compiled code that left for this block can find it next time without the engine; and
        // the engine enters it through its slot.
        this.jumpCache.record(this.withSlot(blk));
        r = this.runCompiled(blk, left);
        if (r === null && this.bailed) {
          this.bailed = false;
          r = this.interpret(1);
        }
      } else {
        blk.lastEntry = cpu.executed;
        if (++blk.count === this.threshold) this.enqueue(blk);
        // A batch compiles when it is full, when it has waited long, or when one of its blocks
        // has grown much hotter than it took to queue it (a loop waiting to be compiled).
        if (this.queue.length >= this.batch || (this.queue.length > 0 && cpu.executed - this.queuedAt > this.maxWait)
          || blk.count >= this.threshold * URGENT) this.compileQueue();
        // A block compiled just now runs compiled from this entry on.
        r = blk.fn === null ? this.interpretBlock(blk) : null;
      }
      if (r !== null && r.kind !== 'limit') return r;
    }
    return LIMIT;
  }

  /** Runs n instructions in the interpreter. */
  protected interpret(n: number): StopReason {
    const cpu = this.cpu, before = cpu.executed, t0 = this.clock();
    return this.interpreted(this.mmu === null ? cpu.run(n) : cpu.runSystem(n), before, t0);
  }

  /** Counts what an interpreter run that began at `before` instructions and time t0 did. */
  private interpreted(r: StopReason, before: number, t0: number): StopReason {
    this.stats.insnsInterpreted += this.cpu.executed - before;
    this.stats.interpretMs += this.elapsed(t0);
    return r;
  }

  /** The time now where the timing option asks for it, and the milliseconds since then. */
  private clock(): number {
    return this.timing ? performance.now() : 0;
  }

  private elapsed(t0: number): number {
    return this.timing ? performance.now() - t0 : 0;
  }

  /** Runs a block not compiled in the interpreter; one whose last instruction runs into
   *  another page is fetched again (it may be mapped elsewhere now). */
  private interpretBlock(blk: Block): StopReason {
    if (blk.pages.length > 1) return this.interpret(blk.length);
    if (blk.decoded === null) {
      const insns = this.instructions(blk, this.decoded.decode);
      if (insns === null) return this.interpret(1);
      blk.decoded = withHandlers(insns, this.handler);
      this.decoded.add(blk);
    }
    const d = blk.decoded;
    const cpu = this.cpu, before = cpu.executed, t0 = this.clock();
    return this.interpreted(cpu.runDecoded(d.insns, d.execs, blk), before, t0);
  }

  /** Runs a compiled block with an instruction budget; a stop reason when it stopped the run. */
  protected runCompiled(blk: Block, budget: number): StopReason | null {
    const cpu = this.cpu;
    this.invalidationsAtEntry = this.invalidations;
    this.stats.compiledRuns++;
    let done: number;
    let stop: StopReason | null = null;
    const t0 = this.clock();
    try {
      done = this.enter(blk.slot, budget);
    } catch (e) {
      if (e instanceof ProgramException) {
        done = this.faultDone;
        stop = { kind: 'program', code: e.code, ilc: this.faultIlc };
        cpu.lastException = e;
        cpu.faultIa = this.faultAt;
      } else if (e instanceof StopRequest) {
        done = this.faultDone + 1;
        stop = e.reason;
      } else throw e;
    }
    cpu.executed += done;
    this.stats.insnsRunCompiled += done;
    this.stats.compiledMs += this.elapsed(t0);
    return stop;
  }

  /** Compiles every queued block now. */
  compileQueue(): void {
    const t0 = performance.now();
    const work: { block: Block; insns: Insn[] }[] = [];
    for (const block of this.queue) {
      block.queued = false;
      if (!block.idled && this.cpu.executed - block.lastEntry > this.idle) {
        block.idled = true;
        block.count = this.threshold >> 1;
        continue;
      }
      const insns = block.valid ? this.instructions(block, decodeWords) : null;
      // Instructions no interpreted pass reached are left out: they cost compiling (the Debian
      // boot's blocks had 30% of them) and, should they run, the block leaves before them.
      if (insns !== null) work.push({ block, insns: block.reach > 0 ? insns.slice(0, block.reach) : insns });
    }
    this.queue = [];
    if (work.length === 0) return;
    const blocks = work.map((w) => w.block);
    const c = this.compiler;
    const helped = c.helped;
    c.compile(work);
    for (const b of blocks) {
      this.decoded.drop(b, true);
      if (b.slot >= 0) this.table.set(b.slot, b.fn);
    }
    this.stats.compileMs += performance.now() - t0;
    this.stats.modules++;
    this.stats.blocksCompiled += blocks.length;
    for (const w of work) this.stats.insnsCompiled += w.insns.length;
    this.stats.insnsHelped += c.helped - helped;
  }

  /** The block at the instruction address hi:lo, found or discovered; null where the
   *  interpreter must run (an odd address, one beyond storage, or a fetch that faults, which
   *  the interpreter then raises). Compiled code assumes the 64-bit addressing mode. */
  private lookup(hi: number, lo: number): Block | null {
    if ((lo & 1) !== 0) return null;
    let ia = lo, abs = lo;
    if (this.mmu !== null) {
      ia = addressNumber(hi, lo);
      try {
        abs = this.mmu.fetchAddress(ia);
      } catch (e) {
        if (e instanceof ProgramException) return null;
        throw e;
      }
    } else if (hi !== 0) return null;
    const idx = (abs >>> 1) & CACHE_MASK;
    if (this.tags[idx] === abs && this.slots[idx]!.addr === ia) return this.slots[idx]!;
    let blk = this.byAbs.get(abs);
    if (blk === undefined || blk.addr !== ia) {
      const found = discoverBlock(this.cpu.storage, this.decoded.decode, abs, ia, this.emitters, this.discover, this.handler);
      if (found === null) return null;
      blk = found;
      this.decoded.add(blk);
      this.inheritSlot(blk);
      this.byAbs.set(abs, blk);
      this.byLogical.set(ia, blk);
      for (const p of blk.pages) {
        this.codeMap.mark(p);
        const list = this.byPage.get(p);
        if (list === undefined) this.byPage.set(p, [blk]);
        else list.push(blk);
      }
    }
    this.tags[idx] = abs;
    this.slots[idx] = blk;
    return blk;
  }

  /** A valid block's instructions, decoded again from its bytes (by decode). Every store to
   *  them drops the block first; should they differ anyway (a write that bypassed Storage),
   *  the block is dropped now rather than compiled. */
  private instructions(b: Block, decode: DecodeFn): Insn[] | null {
    const scan = scanBlock(this.cpu.storage, decode, b.abs, b.addr, this.emitters, this.discover);
    if (scan !== null && scan.insns.length === b.length && scan.end === b.end && scan.pages.join() === b.pages.join()) {
      return scan.insns;
    }
    this.forget(b);
    return null;
  }

  /** A block found again where one was forgotten takes over its slot, which compiled exits
   *  to the old one still tail-call (the Debian boot rewrites code near blocks it runs, and
   *  125,000 exits went back to the engine through stubs so). */
  private inheritSlot(b: Block): void {
    const old = this.forgotten.get(b.abs);
    if (old === undefined || old.addr !== b.addr) return;
    this.forgotten.delete(b.abs);
    b.slot = old.slot;
  }

  /** The block last found at logical address addr, for a compiled exit to tail-call. */
  private blockAt(addr: number): KnownBlock | null {
    const b = this.byLogical.get(addr);
    return b === undefined ? null : this.withSlot(b);
  }

  /** The block, given a slot in the table if it had none. */
  private withSlot(b: Block): Block {
    if (b.slot < 0) {
      if (this.nextSlot === this.table.length) this.table.grow(this.table.length, this.stub);
      b.slot = this.nextSlot++;
      if (b.fn !== null) this.table.set(b.slot, b.fn);
    }
    return b;
  }

  private enqueue(blk: Block): void {
    if (blk.queued) return;
    if (this.queue.length === 0) this.queuedAt = this.cpu.executed;
    blk.queued = true;
    this.queue.push(blk);
  }

  /** A store of n bytes at a touched page p, which held code: the blocks whose bytes it
   *  touched are gone (DESIGN decision 8). The others stay, and the page stays marked: a page
   *  holding both code and busy data (the Debian boot has one written 33,000 times) would
   *  otherwise lose all its blocks on every store. */
  private dropPage(p: number, a: number, n: number): void {
    const kept: Block[] = [], gone: Block[] = [];
    for (const b of this.byPage.get(p) ?? []) if (b.valid) (rewrites(b, p, a, n) ? gone : kept).push(b);
    if (kept.length > 0) {
      this.byPage.set(p, kept);
      this.cpu.storage.codePages[p] = 1;
    } else {
      this.byPage.delete(p);
      this.codeMap.clear(p);
    }
    for (const b of gone) this.forget(b);
  }

  /** Invalidates a block: the engine no longer finds it, and compiled code that chains to it
   *  reaches the stub. */
  private forget(b: Block): void {
    b.valid = false;
    this.decoded.drop(b, false);
    this.invalidations++;
    if (b.slot >= 0) {
      this.table.set(b.slot, this.stub);
      this.forgotten.set(b.abs, b);
    }
    if (this.byAbs.get(b.abs) === b) this.byAbs.delete(b.abs);
    if (this.byLogical.get(b.addr) === b) this.byLogical.delete(b.addr);
    const idx = (b.abs >>> 1) & CACHE_MASK;
    if (this.slots[idx] === b) this.tags[idx] = 1;
  }

  // ---- what compiled code calls ----------------------------------------------------------

  helper(idx: number, done: number): number {
    const c = this.compiler, u = this.cpu.u, mmu = this.mmu;
    const insn = c.helperInsns[idx];
    this.stats.helperCalls++;
    this.faultDone = done;
    this.faultIlc = insn.length >> 1;
    this.faultAt = insn.addr;
    const mask0 = u[W_MASK0], mask1 = u[W_MASK1], epoch = mmu === null ? 0 : mmu.epoch, t0 = this.clock();
    c.helperExecs[idx](this.cpu, insn);
    this.stats.helperMs += this.elapsed(t0);
    // Compiled code goes on only where the helper left everything it assumes as it was: its
    // blocks, the PSW (mask and sequential address) and the fetch translation of its page.
    // Not among them: the interruption masks (an instruction that enables a pending
    // interruption ends the run itself, ops/control.ts); the CC field of the mask (a helper
    // setting the system mask fills it from the CC it leaves); and the DAT mode where the next
    // instruction is still fetched from where it was compiled from (compiled code takes the
    // address spaces from the state memory at each access and each exit to another page).
    // Linux saves and restores the masks with STNSM and SSM, and turns DAT off around LOAD
    // REAL ADDRESS and STORE USING REAL ADDRESS in a loop over every page: going on past them
    // took the Debian boot's compiled runs from 534,000 to 422,000.
    const next = insn.addr + insn.length, changed = u[W_MASK0] ^ mask0;
    const same = this.invalidations === this.invalidationsAtEntry && (changed & ~(INTERRUPTION_MASKS | PSW0_DAT | PSW0_CC)) === 0
      && u[W_MASK1] === mask1 && addressNumber(u[W_IA_HI], u[W_IA_LO]) === next
      && (mmu === null || (mmu.epoch === epoch && (changed & PSW0_DAT) === 0) || this.fetchedAsCompiled(idx, next));
    return same ? 0 : 1;
  }

  /** Whether the instruction after helper idx's, at logical address next, is fetched now from
   *  the absolute address it was compiled from, in the same page. */
  private fetchedAsCompiled(idx: number, next: number): boolean {
    const abs = this.compiler.helperAbs[idx] + (next - this.compiler.helperInsns[idx].addr);
    return abs % PAGE !== 0 && this.mmu!.probeFetch(next) === abs;
  }

  fault(code: number, ilc: number, done: number): void {
    if (code === BAIL) {
      this.bailed = true;
      return;
    }
    const u = this.cpu.u;
    this.faultDone = done;
    this.faultIlc = ilc;
    this.faultAt = addressNumber(u[W_IA_HI], u[W_IA_LO]) - 2 * ilc;
    throw new ProgramException(code);
  }

  tlbMiss(a: number, n: number, store: number): number {
    if (a % PAGE > PAGE - n) return -1;
    try {
      if (store === 0) return this.mmu!.absRead(a);
      // A store to a page holding code is the interpreter's, which drops what the store
      // rewrites; unless it rewrites nothing held decoded (it goes ahead then, and the next
      // store there comes here again). Linux runs an LPSWE in its lowcore: each of the ~100,000
      // stores to the lowcore a boot makes from compiled code used to leave it.
      const abs = this.mmu!.absWrite(a);
      return this.cpu.storage.codePages[abs >>> 12] === 0 || this.rewritesNothingHeld(abs, n) ? abs : -1;
    } catch (e) {
      if (e instanceof ProgramException) return -1;
      throw e;
    }
  }

  /** Whether n bytes at absolute address a, within one page, hold no byte of a block or of an
   *  instruction in the interpreter's decode cache. */
  private rewritesNothingHeld(a: number, n: number): boolean {
    const p = a >>> 12;
    if (this.cpu.cache.holds(p)) return false;
    for (const b of this.byPage.get(p) ?? []) if (b.valid && rewrites(b, p, a, n)) return false;
    return true;
  }

  ccRead(): number {
    return this.cpu.cc;
  }

  codeWrite(a: number, n: number): number {
    const storage = this.cpu.storage;
    // Rewriting the same bytes through Storage runs its code-write hooks for the pages that
    // still hold code (the decode cache's and dropPage); a bit left set for a page that no
    // longer does is cleared so the next store does not come here again.
    storage.writeBytes(a, storage.readBytes(a, n));
    for (let p = a >>> 12; p <= (a + n - 1) >>> 12; p++) if (storage.codePages[p] === 0) this.codeMap.clear(p);
    return this.invalidations === this.invalidationsAtEntry ? 0 : 1;
  }

  logStore(a: number, n: number): void {
    this.onStore?.(a, n);
  }
}
