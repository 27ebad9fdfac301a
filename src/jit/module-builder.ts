// Builds the binary of one Wasm module from a batch of blocks through an IR backend (ir.ts; no
// optimisation passes: DESIGN decision 6 measured them as costly and no faster once V8 has
// tiered up): one exported function per block, the state memory, the engine's table of block
// functions and the engine's callbacks imported. It needs nothing of the engine but what it is
// given.
import type { Insn } from '../decoder/insn.js';
import type { IrBackend } from './ir.js';
import { relativeTarget } from './block.js';
import { Emitter, ENTRY_PARAMS, type BlockShape, type KnownBlock } from './emit/context.js';
import type { EmitFn } from './emit/family.js';

export interface ModuleOptions {
  readonly storageSize: number;
  /** Wasm pages of the state memory (imported, of this fixed size). */
  readonly memoryPages: number;
  readonly system: boolean;
  readonly logStores: boolean;
  /** Run the backend's validator on the module (tests). */
  readonly validate: boolean;
}

export interface BuiltModule {
  readonly binary: Uint8Array;
  /** The instructions its helper calls run, in helper-index order from the base it was built
   *  with, as pairs of block and instruction index in the batch. */
  readonly helpers: readonly number[];
  readonly inlined: number;
  readonly helped: number;
}

/** The module of a batch: block n's entry function is export `b${n}`. Exits chain to the
 *  blocks blockAt knows; helper calls number their instructions from helperBase. */
export function buildModule(
  backend: IrBackend, blocks: readonly BlockShape[], opts: ModuleOptions, emitters: ReadonlyMap<string, EmitFn>,
  blockAt: (addr: number) => KnownBlock | null, helperBase: number,
): BuiltModule {
  const B = backend.types, m = backend.module();
  try {
    m.setMemory(opts.memoryPages, opts.memoryPages);
    m.addMemoryImport('0', 'env', 'memory');
    m.addTableImport('blocks', 'env', 'blocks');
    const { i32, none } = B;
    m.addFunctionImport('helper', 'env', 'helper', B.createType([i32, i32]), i32);
    m.addFunctionImport('fault', 'env', 'fault', B.createType([i32, i32, i32]), none);
    m.addFunctionImport('ccRead', 'env', 'ccRead', none, i32);
    m.addFunctionImport('tlbMiss', 'env', 'tlbMiss', B.createType([B.f64, i32, i32]), i32);
    m.addFunctionImport('codeWrite', 'env', 'codeWrite', B.createType([i32, i32]), i32);
    m.addFunctionImport('logStore', 'env', 'logStore', B.createType([i32, i32]), none);
    const helpers: number[] = [];
    let n = 0;
    const helperIndex = (insn: Insn): number => {
      helpers.push(n, blocks[n].insns.indexOf(insn));
      return helperBase + helpers.length / 2 - 1;
    };
    const e = new Emitter(B, m, {
      storageSize: opts.storageSize, system: opts.system, logStores: opts.logStores, helperIndex, blockAt,
      branchTarget: (insn) => relativeTarget(insn, emitters),
    });
    e.addModuleFunctions();
    let inlined = 0, helped = 0;
    for (n = 0; n < blocks.length; n++) {
      const block = blocks[n];
      e.startBlock(block);
      for (let k = 0; k < block.insns.length && !e.finished; k++) {
        if (!e.begin(k)) continue;
        const emit = emitters.get(e.insn.def.mnemonic);
        if (emit !== undefined) {
          emit(e, e.insn);
          inlined++;
        } else {
          e.helper();
          helped++;
        }
      }
      m.addFunction(`b${n}`, ENTRY_PARAMS(B), i32, e.vars, e.endBlock());
      m.addFunctionExport(`b${n}`, `b${n}`);
    }
    if (opts.validate && !m.validate()) throw new Error('the JIT built an invalid module');
    return { binary: m.emitBinary(), helpers, inlined, helped };
  } finally {
    m.dispose();
  }
}
