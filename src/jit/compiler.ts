// Compiles a batch of blocks into one Binaryen module (no optimisation passes: DESIGN decision
// 6 measured them as costly and no faster once V8 has tiered up), instantiated with the state
// memory and the engine's table of block functions imported, one exported function per block.
import type { Insn } from '../decoder/insn.js';
import type { Handler } from '../interp/registry.js';
import { binaryen } from './binaryen.js';
import type { Block, BlockFn } from './block.js';
import { Emitter, ENTRY_PARAMS, type KnownBlock } from './emit/context.js';
import type { EmitFn } from './emit/family.js';
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
  readonly storageSize: number;
  readonly system: boolean;
  /** The engine's table of block entry functions, by slot. */
  readonly table: object;
  /** The block known at a guest address, for exits to chain to. */
  readonly blockAt: (addr: number) => KnownBlock | null;
  readonly emitters: ReadonlyMap<string, EmitFn>;
  readonly logStores: boolean;
  /** Run Binaryen's validator on each module (tests). */
  readonly validate: boolean;
  /** The interpreter's handler for an instruction. */
  readonly handler: (insn: Insn) => Handler;
}

export class Compiler {
  /** Instructions compiled code runs through the interpreter, by helper index. */
  readonly helperInsns: Insn[] = [];
  readonly helperExecs: Handler[] = [];
  /** Instructions emitted inline and through helpers, over all compiles. */
  inlined = 0;
  helped = 0;

  constructor(private readonly opts: CompilerOptions, private readonly imports: JitImports) {}

  /** Compiles the blocks, each with its instructions, and sets each one's fn. */
  compile(blocks: readonly { block: Block; insns: readonly Insn[] }[]): void {
    const B = binaryen();
    const m = new B.Module();
    try {
      m.setFeatures(B.Features.SignExt | B.Features.TailCall | B.Features.ReferenceTypes | B.Features.BulkMemory | B.Features.BulkMemoryOpt);
      const pages = this.opts.memory.buffer.byteLength / 65536;
      m.setMemory(pages, pages);
      m.addMemoryImport('0', 'env', 'memory');
      m.addTableImport('blocks', 'env', 'blocks');
      const { i32, none } = B;
      m.addFunctionImport('helper', 'env', 'helper', B.createType([i32, i32]), i32);
      m.addFunctionImport('fault', 'env', 'fault', B.createType([i32, i32, i32]), none);
      m.addFunctionImport('ccRead', 'env', 'ccRead', none, i32);
      m.addFunctionImport('tlbMiss', 'env', 'tlbMiss', B.createType([B.f64, i32, i32]), i32);
      m.addFunctionImport('codeWrite', 'env', 'codeWrite', B.createType([i32, i32]), i32);
      m.addFunctionImport('logStore', 'env', 'logStore', B.createType([i32, i32]), none);
      const helperIndex = (insn: Insn): number => {
        this.helperInsns.push(insn);
        this.helperExecs.push(this.opts.handler(insn));
        return this.helperInsns.length - 1;
      };
      const e = new Emitter(B, m, {
        storageSize: this.opts.storageSize, system: this.opts.system, logStores: this.opts.logStores, helperIndex,
        blockAt: this.opts.blockAt,
      });
      e.addModuleFunctions();
      blocks.forEach(({ block, insns }, n) => {
        e.startBlock({ addr: block.addr, abs: block.abs, length: block.length, pages: block.pages, insns });
        for (let k = 0; k < insns.length && !e.terminated; k++) {
          e.begin(k);
          const emit = this.opts.emitters.get(e.insn.def.mnemonic);
          if (emit !== undefined) {
            emit(e, e.insn);
            this.inlined++;
          } else {
            e.helper();
            this.helped++;
          }
        }
        const body = e.endBlock();
        m.addFunction(`b${n}`, ENTRY_PARAMS(B), i32, e.vars, body);
        m.addFunctionExport(`b${n}`, `b${n}`);
      });
      if (this.opts.validate && !m.validate()) throw new Error('the JIT built an invalid module');
      const env = { memory: this.opts.memory, blocks: this.opts.table, ...this.bound() };
      const instance = instantiate(m.emitBinary(), { env });
      blocks.forEach(({ block }, n) => {
        block.fn = instance.exports[`b${n}`] as BlockFn;
      });
    } finally {
      m.dispose();
    }
  }

  private bound(): Record<keyof JitImports, unknown> {
    const im = this.imports;
    return {
      helper: im.helper.bind(im), fault: im.fault.bind(im), ccRead: im.ccRead.bind(im), tlbMiss: im.tlbMiss.bind(im),
      codeWrite: im.codeWrite.bind(im), logStore: im.logStore.bind(im),
    };
  }
}
