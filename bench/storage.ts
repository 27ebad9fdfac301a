// Guest storage layout benchmark (DESIGN decision 4): byte-reversed storage, where a big-endian
// value is one native little-endian access, against plain big-endian storage where every access
// swaps bytes. Measured for the interpreter (JS through DataView) and for JIT code (Wasm).
// Run: node dist/bench/storage.js
import Benchmark from 'benchmark';
import { Command } from 'commander';
import wabtInit from 'wabt';
import { createStateMemory, STORAGE_BASE } from '../src/runtime/state.js';
import { Storage } from '../src/runtime/storage.js';

// No options: --help says what this measures, anything else is an error.
new Command('storage.js').description('byte-reversed against big-endian guest storage, for the interpreter (JS) and JIT code (Wasm)').parse();

const SIZE = 16 << 20;
const N = 4096;
const state = createStateMemory(SIZE);
const reversed = new Storage(state);

/** The alternative: guest byte a at host offset STORAGE_BASE + a, DataView does the swap. */
class BigEndianStorage {
  private readonly dv: DataView;
  hi = 0;
  lo = 0;
  constructor(buffer: ArrayBuffer, readonly size: number) {
    this.dv = new DataView(buffer);
  }
  read32(a: number): number {
    if (!(a <= this.size - 4)) throw new RangeError('addressing');
    return this.dv.getUint32(STORAGE_BASE + a, false);
  }
  read64(a: number): void {
    if (!(a <= this.size - 8)) throw new RangeError('addressing');
    this.hi = this.dv.getInt32(STORAGE_BASE + a, false);
    this.lo = this.dv.getInt32(STORAGE_BASE + a + 4, false);
  }
  write32(a: number, v: number): void {
    if (!(a <= this.size - 4)) throw new RangeError('addressing');
    this.dv.setInt32(STORAGE_BASE + a, v, false);
  }
}
const bigEndian = new BigEndianStorage(state.memory.buffer, SIZE);

// Unaligned addresses, the same for both.
const addrs = new Uint32Array(N);
for (let i = 0, x = 12345; i < N; i++) {
  x = (Math.imul(x, 1103515245) + 12345) >>> 0;
  addrs[i] = (x % (SIZE - 16)) >>> 0;
}

let sink = 0;
function mixed(s: { read32(a: number): number; read64(a: number): void; write32(a: number, v: number): void; hi: number; lo: number }): void {
  let acc = 0;
  for (let i = 0; i < N; i++) {
    const a = addrs[i];
    acc = (acc + s.read32(a)) | 0;
    s.read64(a + 3);
    acc = (acc ^ s.hi ^ s.lo) | 0;
    s.write32(a + 9, acc);
  }
  sink ^= acc;
}

// Wasm: the same walk over an address list, i64 loads, reversed (native) or swapped by shifts
// and masks (Wasm has no byte-swap instruction).
const WAT = `(module
  (import "e" "mem" (memory 1))
  (func $bswap64 (param $x i64) (result i64)
    (local.set $x (i64.or (i64.shl (i64.and (local.get $x) (i64.const 0x00ff00ff00ff00ff)) (i64.const 8))
                          (i64.and (i64.shr_u (local.get $x) (i64.const 8)) (i64.const 0x00ff00ff00ff00ff))))
    (local.set $x (i64.or (i64.shl (i64.and (local.get $x) (i64.const 0x0000ffff0000ffff)) (i64.const 16))
                          (i64.and (i64.shr_u (local.get $x) (i64.const 16)) (i64.const 0x0000ffff0000ffff))))
    (i64.rotl (local.get $x) (i64.const 32)))
  (func (export "rev") (param $list i32) (param $n i32) (param $top i32) (result i64)
    (local $acc i64) (local $i i32)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $acc (i64.add (local.get $acc)
        (i64.load (i32.sub (i32.sub (local.get $top) (i32.load (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 2))))) (i32.const 7)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.get $acc))
  (func (export "be") (param $list i32) (param $n i32) (param $base i32) (result i64)
    (local $acc i64) (local $i i32)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $acc (i64.add (local.get $acc)
        (call $bswap64 (i64.load (i32.add (local.get $base) (i32.load (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 2)))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.get $acc)))`;

interface WasmExports {
  rev(list: number, n: number, top: number): bigint;
  be(list: number, n: number, base: number): bigint;
}
type WasmApi = {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { exports: WasmExports };
};

async function main(): Promise<void> {
  const wabt = await wabtInit();
  const bin = wabt.parseWat('storage.wat', WAT).toBinary({}).buffer;
  const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const wasm = new WA.Instance(new WA.Module(bin), { e: { mem: state.memory } }).exports;
  // The address list lives in the state area below guest storage (the TLB region is free here).
  const LIST = 0x1000;
  new Uint32Array(state.memory.buffer, LIST, N).set(addrs);
  const top = STORAGE_BASE + SIZE - 1;

  const suite = new Benchmark.Suite('storage');
  suite
    .add('js  byte-reversed (read32+read64+write32)', () => mixed(reversed))
    .add('js  big-endian + swap (read32+read64+write32)', () => mixed(bigEndian))
    .add('wasm byte-reversed i64.load', () => { sink ^= Number(wasm.rev(LIST, N, top) & 1n); })
    .add('wasm big-endian i64.load + shift/mask swap', () => { sink ^= Number(wasm.be(LIST, N, STORAGE_BASE) & 1n); })
    .on('cycle', (ev: Benchmark.Event) => {
      const b = ev.target as Benchmark.Target & { hz: number };
      console.log(`${String(ev.target)}  -> ${(1e9 / (b.hz * N)).toFixed(2)} ns per guest access group`);
    })
    .run();
  if (sink === 0x7fffffff) console.log('');
}

void main();
