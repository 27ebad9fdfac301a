// Compiles a batch of blocks into one module (module-builder.ts) and installs it: instantiated
// with the state memory, the engine's table of block functions and its callbacks, each block
// given its entry function, each helper call its instruction.
import type { Insn } from '../decoder/insn.js';
import type { Handler } from '../interp/registry.js';
import type { Block, BlockFn } from './block.js';
import type { KnownBlock } from './emit/context.js';
import type { EmitFn } from './emit/family.js';
import type { IrBackend } from './ir.js';
import { buildModule, type BuiltModule, type ModuleOptions } from './module-builder.js';
import { instantiate } from './wasm.js';

/** What compiled code calls back into. */
export interface JitImports {
  /** Runs helper-table entry idx after `done` instructions; nonzero when the block must end. */
  helper(idx: number, done: number): number;
  /** Raises program exception code at an instruction of length ilc halfwords (never returns),
   *  or for BAIL notes that the interpreter runs the instruction at the PSW next. */
  fault(code: number, ilc: number, done: number): void;
  /** System mode: the absolute address of the n bytes at logical address a for a fetch or a
   *  store (store nonzero), filling the TLB; -1 if they cross a page or cannot be accessed. */
  tlbMiss(a: number, n: number, store: number): number;
  /** The condition code, from the state memory. */
  ccRead(): number;
  /** A compiled store wrote n bytes at a on a page holding code; nonzero when the block must end. */
  codeWrite(a: number, n: number): number;
  /** A compiled store is about to write n bytes at a (lockstep's undo log). */
  logStore(a: number, n: number): void;
}

export interface CompilerOptions {
  readonly memory: { readonly buffer: ArrayBuffer };
  /** The engine's table of block entry functions, by slot. */
  readonly table: object;
  /** The block known at a guest address, for exits to chain to. */
  readonly blockAt: (addr: number) => KnownBlock | null;
  readonly emitters: ReadonlyMap<string, EmitFn>;
  readonly module: ModuleOptions;
  /** The interpreter's handler for an instruction. */
  readonly handler: (insn: Insn) => Handler;
  readonly backend: IrBackend;
}

/** A batch: each block with the instructions it is compiled from (the first of its own, or all). */
export type Batch = readonly { readonly block: Block; readonly insns: readonly Insn[] }[];

export class Compiler {
  /** Instructions compiled code runs through the interpreter, by helper index. */
  readonly helperInsns: Insn[] = [];
  readonly helperExecs: Handler[] = [];
  /** The absolute address each was compiled from. */
  readonly helperAbs: number[] = [];
  /** Instructions emitted inline and through helpers, over all compiles. */
  inlined = 0;
  helped = 0;

  constructor(private readonly opts: CompilerOptions, private readonly imports: JitImports) {}

  /** Compiles the batch here and now, and sets each block's fn. */
  compile(batch: Batch): void {
    const shapes = batch.map(({ block, insns }) => ({ addr: block.addr, abs: block.abs, length: insns.length, pages: block.pages, insns }));
    const o = this.opts;
    this.install(batch, buildModule(o.backend, shapes, o.module, o.emitters, o.blockAt, this.helperInsns.length));
  }

  /** Instantiates a batch's module, built with helper indices from helperInsns.length, and
   *  sets each block's fn. */
  private install(batch: Batch, built: BuiltModule): void {
    const h = built.helpers;
    for (let j = 0; j < h.length; j += 2) {
      const { block, insns } = batch[h[j]], insn = insns[h[j + 1]];
      this.helperInsns.push(insn);
      this.helperAbs.push(block.abs + (insn.addr - block.addr));
      this.helperExecs.push(this.opts.handler(insn));
    }
    this.inlined += built.inlined;
    this.helped += built.helped;
    const env = { memory: this.opts.memory, blocks: this.opts.table, ...this.bound() };
    const instance = instantiate(built.binary, { env });
    batch.forEach(({ block }, n) => {
      block.fn = instance.exports[`b${n}`] as BlockFn;
    });
  }

  private bound(): Record<keyof JitImports, unknown> {
    const im = this.imports;
    return {
      helper: im.helper.bind(im), fault: im.fault.bind(im), ccRead: im.ccRead.bind(im), tlbMiss: im.tlbMiss.bind(im),
      codeWrite: im.codeWrite.bind(im), logStore: im.logStore.bind(im),
    };
  }
}
