// The direct Wasm builder against Binaryen, the oracle it replaced: the JIT's emitters build
// blocks of busybox's own code (thousands of real instruction sequences, every emitter family)
// through both backends, in user mode, in system mode (TLB lookups inline) and with lockstep's
// store log, and each module's binary must be the same bytes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { executableSections } from '../../src/decoder/elf-sections.js';
import { decodeWords } from '../../src/decoder/decode.js';
import { binaryenBackend, loadBinaryen } from '../../src/jit/binaryen.js';
import { scanBlock } from '../../src/jit/block.js';
import type { BlockShape, KnownBlock } from '../../src/jit/emit/context.js';
import { emitterTable } from '../../src/jit/emit/index.js';
import { buildModule, type ModuleOptions } from '../../src/jit/module-builder.js';
import { directBackend } from '../../src/jit/wasm-builder.js';
import { createUserCpu } from '../../src/user/machine.js';
import { guestDir } from '../../tools/repo.js';

const STORAGE = 64 << 20;
const BASE = 0x10000;
const BLOCKS = 3000;
const BATCH = 64;

const emitters = emitterTable(new Set());
let blocks: BlockShape[] = [];
let known = new Map<number, KnownBlock>();

beforeAll(async () => {
  await loadBinaryen();
  const text = executableSections(fs.readFileSync(path.join(guestDir(), 'busybox'))).find((s) => s.name === '.text');
  if (text === undefined) throw new Error('busybox has no .text');
  const cpu = createUserCpu(STORAGE);
  const bytes = text.bytes.subarray(0, 4 << 20);
  cpu.storage.writeBytes(BASE, bytes);
  // Blocks one after the other from the start of .text, as discovery would find them.
  for (let a = BASE; blocks.length < BLOCKS && a < BASE + bytes.length - 64;) {
    const s = scanBlock(cpu.storage, decodeWords, a, a, emitters, { crossPage: true, helpers: true });
    if (s === null) {
      a += 2;
      continue;
    }
    blocks.push({ addr: a, abs: a, length: s.insns.length, pages: s.pages, insns: s.insns });
    a = s.end;
  }
  // Every other block is known, so exits both chain and return to the engine.
  known = new Map(blocks.filter((_, k) => k % 2 === 0).map((b, k) => [b.addr, { addr: b.addr, abs: b.abs, length: b.length, slot: k }]));
});

describe('direct Wasm builder', () => {
  const modes: [string, Partial<ModuleOptions>][] = [
    ['user mode', { system: false }],
    ['system mode', { system: true }],
    ['system mode with the store log', { system: true, logStores: true }],
  ];
  for (const [name, mode] of modes) {
    it(`writes the bytes Binaryen writes, ${name}`, () => {
      const opts: ModuleOptions = { storageSize: STORAGE, memoryPages: 8256, system: false, logStores: false, validate: false, ...mode };
      expect(blocks.length).toBe(BLOCKS);
      let modules = 0;
      for (let i = 0; i < blocks.length; i += BATCH) {
        const batch = blocks.slice(i, i + BATCH);
        const ours = buildModule(directBackend, batch, opts, emitters, (a) => known.get(a) ?? null, i);
        const theirs = buildModule(binaryenBackend(), batch, opts, emitters, (a) => known.get(a) ?? null, i);
        expect(WebAssembly.validate(ours.binary), `batch at ${batch[0].addr.toString(16)} validates`).toBe(true);
        expect(Buffer.from(ours.binary).equals(Buffer.from(theirs.binary)), `batch at ${batch[0].addr.toString(16)}`).toBe(true);
        expect(ours.helpers).toEqual(theirs.helpers);
        modules++;
      }
      expect(modules).toBe(Math.ceil(BLOCKS / BATCH));
    });
  }
});
