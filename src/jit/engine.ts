// The JIT engine for user mode: interprets cold blocks, counts their entries, compiles the hot
// ones in batches, and runs compiled blocks from its dispatch loop. Compiled code leaves the
// state memory exactly as the interpreter would at every exit, so the two hand over freely.
import { decodeWords } from '../decoder/decode.js';
import type { Cpu, StopReason } from '../interp/cpu.js';
import { StopRequest } from '../interp/cpu.js';
import { CACHE_MASK } from '../interp/decode-cache.js';
import { ProgramException } from '../runtime/interruption.js';
import * as S from '../runtime/state.js';
import { binaryen } from './binaryen.js';
import { discoverBlock, type Block } from './block.js';
import { CodeMap } from './code-map.js';
import { Compiler, type JitImports } from './compiler.js';
import { emitterTable } from './emit/index.js';

export interface JitOptions {
  /** Interpreted entries after which a block is compiled. */
  readonly threshold?: number;
  /** Hot blocks compiled together in one module. */
  readonly batch?: number;
  /** Interpreted instructions after which a partial batch is compiled anyway. */
  readonly maxWait?: number;
  /** Families the JIT leaves to the interpreter (emit/index.ts). */
  readonly disabled?: ReadonlySet<string>;
  /** Compiled stores call the lockstep undo log first. */
  readonly logStores?: boolean;
  readonly validate?: boolean;
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
}

const W_MASK0 = S.PSW_MASK0 >> 2;
const W_IA_LO = S.PSW_IA_LO >> 2;
const W_IA_HI = S.PSW_IA_HI >> 2;
const PSW0_WAIT = 1 << (31 - 14);
const LIMIT: StopReason = { kind: 'limit' };

export class JitEngine implements JitImports {
  readonly stats: JitStats = { blocksCompiled: 0, insnsCompiled: 0, insnsHelped: 0, modules: 0, compileMs: 0, insnsRunCompiled: 0 };
  /** Told each address a store log must save before a compiled store (lockstep). */
  onStore: ((a: number, n: number) => void) | null = null;
  private readonly threshold: number;
  private readonly batch: number;
  private readonly maxWait: number;
  private readonly emitters;
  private readonly compiler: Compiler;
  private readonly codeMap: CodeMap;
  private readonly tags = new Uint32Array(CACHE_MASK + 1).fill(1);
  private readonly slots: (Block | undefined)[] = new Array<Block | undefined>(CACHE_MASK + 1);
  private readonly byAddr = new Map<number, Block>();
  private readonly byPage = new Map<number, Block[]>();
  private queue: Block[] = [];
  private queuedAt = 0;
  /** Blocks invalidated so far, and when the compiled code running now was entered: helpers
   *  end that run at once if any block became invalid under it, since it may chain to it. */
  private invalidations = 0;
  private invalidationsAtEntry = 0;
  /** Where a helper or fault stopped: instructions completed before it, and its length. */
  private faultDone = 0;
  private faultIlc = 0;

  constructor(readonly cpu: Cpu, opts: JitOptions = {}) {
    binaryen();
    this.threshold = opts.threshold ?? 32;
    this.batch = opts.batch ?? 32;
    this.maxWait = opts.maxWait ?? 200_000;
    this.emitters = emitterTable(opts.disabled ?? new Set());
    const storage = cpu.storage;
    this.codeMap = new CodeMap(cpu.state.memory, storage);
    this.compiler = new Compiler({
      memory: cpu.state.memory, storageSize: storage.size, emitters: this.emitters, logStores: opts.logStores ?? false,
      validate: opts.validate ?? false, handler: (insn) => cpu.cache.handler(insn),
    }, this);
    storage.onCodeWrite((page) => this.dropPage(page));
    cpu.cache.onMarkCode = (page) => this.codeMap.set(page);
  }

  /** Executes about maxInsns instructions (a compiled block may run a pass past the limit) and
   *  stops as Cpu.run does. */
  run(maxInsns: number): StopReason {
    const cpu = this.cpu, u = cpu.u;
    const end = cpu.executed + maxInsns;
    while (cpu.executed < end) {
      const ia = u[W_IA_LO];
      const blk = u[W_IA_HI] === 0 && cpu.amode === 64 && (u[W_MASK0] & PSW0_WAIT) === 0 ? this.lookup(ia) : null;
      if (blk === null) {
        const r = cpu.run(1);
        if (r.kind !== 'limit') return r;
      } else if (blk.fn !== null) {
        const r = this.runCompiled(blk, end - cpu.executed);
        if (r !== null) return r;
      } else {
        if (++blk.count === this.threshold) this.enqueue(blk);
        const r = cpu.run(blk.insns.length);
        if (r.kind !== 'limit') return r;
        if (this.queue.length >= this.batch || (this.queue.length > 0 && cpu.executed - this.queuedAt > this.maxWait)) this.compileQueue();
      }
    }
    return LIMIT;
  }

  /** Runs a compiled block with an instruction budget; a stop reason when it stopped the run. */
  protected runCompiled(blk: Block, budget: number): StopReason | null {
    const cpu = this.cpu;
    this.invalidationsAtEntry = this.invalidations;
    let done: number;
    let stop: StopReason | null = null;
    try {
      done = blk.fn!(blk.entry, budget);
    } catch (e) {
      if (e instanceof ProgramException) {
        done = this.faultDone;
        stop = { kind: 'program', code: e.code, ilc: this.faultIlc };
      } else if (e instanceof StopRequest) {
        done = this.faultDone + 1;
        stop = e.reason;
      } else throw e;
    }
    cpu.executed += done;
    this.stats.insnsRunCompiled += done;
    return stop;
  }

  /** Compiles every queued block now. */
  compileQueue(): void {
    const blocks = this.queue.filter((b) => b.valid);
    this.queue = [];
    for (const b of blocks) b.queued = false;
    if (blocks.length === 0) return;
    const t0 = performance.now();
    const c = this.compiler;
    const helped = c.helped;
    c.compile(blocks);
    this.stats.compileMs += performance.now() - t0;
    this.stats.modules++;
    this.stats.blocksCompiled += blocks.length;
    for (const b of blocks) this.stats.insnsCompiled += b.insns.length;
    this.stats.insnsHelped += c.helped - helped;
  }

  /** The block at ia, found or discovered. Compiled code assumes it: the 64-bit mode. */
  private lookup(ia: number): Block | null {
    const idx = (ia >>> 1) & CACHE_MASK;
    if (this.tags[idx] === ia) return this.slots[idx]!;
    let blk = this.byAddr.get(ia);
    if (blk === undefined) {
      if ((ia & 1) !== 0) return null;
      const found = discoverBlock(this.cpu.storage, decodeWords, ia, this.emitters);
      if (found === null) return null;
      blk = found;
      this.byAddr.set(ia, blk);
      for (const p of blk.pages) {
        this.codeMap.mark(p);
        const list = this.byPage.get(p);
        if (list === undefined) this.byPage.set(p, [blk]);
        else list.push(blk);
      }
    }
    this.tags[idx] = ia;
    this.slots[idx] = blk;
    return blk;
  }

  private enqueue(blk: Block): void {
    if (blk.queued) return;
    if (this.queue.length === 0) this.queuedAt = this.cpu.executed;
    blk.queued = true;
    this.queue.push(blk);
  }

  /** A store touched page p, which held code: its blocks are gone (DESIGN decision 8). */
  private dropPage(p: number): void {
    this.codeMap.clear(p);
    const list = this.byPage.get(p);
    if (list === undefined) return;
    this.byPage.delete(p);
    for (const b of list) {
      if (!b.valid) continue;
      b.valid = false;
      this.invalidations++;
      if (b.alive !== null) b.alive.value = 0;
      if (this.byAddr.get(b.addr) === b) this.byAddr.delete(b.addr);
      const idx = (b.addr >>> 1) & CACHE_MASK;
      if (this.slots[idx] === b) this.tags[idx] = 1;
    }
  }

  // ---- what compiled code calls ----------------------------------------------------------

  helper(idx: number, done: number): number {
    const c = this.compiler;
    const insn = c.helperInsns[idx];
    this.faultDone = done;
    this.faultIlc = insn.length >> 1;
    c.helperExecs[idx](this.cpu, insn);
    return this.invalidations === this.invalidationsAtEntry ? 0 : 1;
  }

  fault(code: number, ilc: number, done: number): void {
    this.faultDone = done;
    this.faultIlc = ilc;
    throw new ProgramException(code);
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
