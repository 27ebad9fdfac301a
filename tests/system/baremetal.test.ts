// Architected behaviour of system mode, checked with small bare-metal s390x programs built by
// the real cross toolchain (tests/system/baremetal/*.S) and booted as ELF kernels: program and
// SVC interruptions (codes, ILC, old PSW for suppression and nullification), DAT with the TEID,
// the clock comparator in deterministic time, SIGP/STAP/STIDP, and the 'run' CLI's errors.
// Every program also runs under the JIT and in lockstep (each block compiled at its first
// entry), which must leave the same state, storage and instruction count as the interpreter.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, prepareBoot, type BootResult } from '../../src/boot/boot.js';
import { loadBinaryen } from '../../src/jit/binaryen.js';
import type { JitOptions } from '../../src/jit/engine.js';
import type { EngineName } from '../../src/jit/select.js';
import { CC_OP, CC_R, STORAGE_BASE, TOD } from '../../src/runtime/state.js';
import * as LC from '../../src/runtime/lowcore.js';
import { buildStatic, CC } from '../../tools/cross.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SRC = path.join(HERE, 'baremetal');
const ROOT = path.resolve(HERE, '../..');
const NM = CC.replace(/gcc$/, 'nm');

/** Where the programs store what the test reads back (bm.h RESULTS). */
const RESULTS = 0xe00;
/** The instruction address of the disabled-wait PSW every new PSW is set to (bm.h MARKER). */
const MARKER = 0x4242;
const MiB = 0x10_0000;

interface Program {
  readonly exe: string;
  readonly sym: Readonly<Record<string, number>>;
}

function build(name: string, step = 0): Program {
  const read = (f: string): string => fs.readFileSync(path.join(SRC, f), 'utf8');
  const exe = buildStatic(
    [{ name: 'bm.h', text: read('bm.h') }, { name: `${name}.S`, text: read(`${name}.S`) }],
    ['-nostdlib', '-Wl,-Ttext=0x10000', '-Wl,--build-id=none', '-Wl,-e,_start', `-DSTEP=${step}`],
  );
  const sym: Record<string, number> = {};
  for (const line of execFileSync(NM, [exe], { encoding: 'utf8' }).split('\n')) {
    const m = /^([0-9a-f]+) \w (\w+)$/.exec(line.trim());
    if (m) sym[m[2]] = parseInt(m[1], 16);
  }
  return { exe, sym };
}

interface Run extends BootResult {
  readonly sym: Readonly<Record<string, number>>;
  h(a: number): number;
  w(a: number): number;
  d(a: number): bigint;
  /** The 16-byte PSW at a: mask (bits 0-63) and address. */
  psw(a: number): { mask: bigint; ia: bigint };
}

/** What a run leaves: the architected state words, a hash of storage, the count and the exit.
 *  The lazy CC's words are left out for the CC they make: an engine may leave other inputs to
 *  the same CC (the JIT's exits store inputs its operation does not read). */
function outcome(r: BootResult): unknown {
  const bytes = new Uint8Array(r.machine.cpu.state.memory.buffer);
  const words = Array.from(new Int32Array(bytes.buffer, 0, TOD >> 2));
  words.fill(0, CC_OP >> 2, (CC_R + 8) >> 2);
  return {
    state: words, cc: r.machine.cpu.cc,
    storage: createHash('sha256').update(bytes.subarray(STORAGE_BASE)).digest('hex'),
    instructions: r.instructions, exit: r.exit,
  };
}

/** JIT options that compile each block on its first entry, or run every block in the engine's
 *  interpreter (Cpu.runDecoded). */
const HOT = { threshold: 1, batch: 1, validate: true };
const COLD = { threshold: 1e9 };

async function bootUnder(kernel: Uint8Array, maxInstructions: number, engine: EngineName, jit: JitOptions = HOT): Promise<BootResult> {
  const req = { kernel, memory: 64 * MiB, deterministic: true, output: () => {}, maxInstructions, engine, jit };
  return boot(req, prepareBoot(req));
}

async function run(name: string, step = 0, maxInstructions = 200_000): Promise<Run> {
  const { exe, sym } = build(name, step);
  const kernel = fs.readFileSync(exe);
  const r = await bootUnder(kernel, maxInstructions, 'interp');
  for (const engine of ['jit', 'lockstep'] as const) {
    const other = await bootUnder(kernel, maxInstructions, engine);
    expect(outcome(other), `${name} under ${engine}`).toEqual(outcome(r));
    expect(other.jit!.insnsRunCompiled, `${name}: instructions run compiled under ${engine}`).toBeGreaterThan(0);
  }
  const cold = await bootUnder(kernel, maxInstructions, 'jit', COLD);
  expect(outcome(cold), `${name} under the JIT engine's interpreter`).toEqual(outcome(r));
  const st = r.machine.cpu.storage;
  const d = (a: number): bigint => {
    st.read64(a);
    return (BigInt(st.hi >>> 0) << 32n) | BigInt(st.lo >>> 0);
  };
  return {
    ...r, sym, d,
    h: (a) => st.read16(a),
    w: (a) => st.read32(a) >>> 0,
    psw: (a) => ({ mask: d(a), ia: d(a + 8) }),
  };
}

beforeAll(async () => {
  await loadBinaryen();
});

/** PSW mask bits (bit n of the 64-bit mask). */
const bit = (n: number): bigint => 1n << BigInt(63 - n);
const PSW_DAT = bit(5);
const PSW_EXT = bit(7);
const PSW_WAIT = bit(14);
const PSW_PROBLEM = bit(15);
const PSW_64 = bit(31) | bit(32);

function expectMarkerWait(r: Run): void {
  expect(r.exit).toMatchObject({ kind: 'disabled-wait', ia: MARKER });
}

describe('program interruptions', () => {
  it.each([
    [0, 0x00, 1],
    [1, 0x52, 2],
    [2, 0xff, 3],
  ])('invalid opcode (%i: opcode %s) is an operation exception: code 1, ILC from the opcode, suppressed', async (step, _opcode, ilc) => {
    const r = await run('operation', step);
    expectMarkerWait(r);
    expect(r.h(LC.LC_PGM_CODE)).toBe(0x0001);
    expect(r.h(LC.LC_PGM_ILC)).toBe(ilc << 1);
    const old = r.psw(LC.LC_PROGRAM_OLD_PSW);
    expect(old.ia).toBe(BigInt(r.sym.bad + 2 * ilc));
    expect(old.mask).toBe(PSW_64);
  });

  it('SSM in the problem state is a privileged-operation exception: code 2, old PSW with P', async () => {
    const r = await run('privileged');
    expectMarkerWait(r);
    expect(r.h(LC.LC_PGM_CODE)).toBe(0x0002);
    expect(r.h(LC.LC_PGM_ILC)).toBe(4);
    const old = r.psw(LC.LC_PROGRAM_OLD_PSW);
    expect(old.mask).toBe(PSW_64 | PSW_PROBLEM);
    expect(old.ia).toBe(BigInt(r.sym.after_ssm));
  });

  it('LPSWE of an operand not on a doubleword boundary is a specification exception', async () => {
    const r = await run('specification', 1);
    expectMarkerWait(r);
    expect(r.h(LC.LC_PGM_CODE)).toBe(0x0006);
    expect(r.h(LC.LC_PGM_ILC)).toBe(4);
    expect(r.psw(LC.LC_PROGRAM_OLD_PSW)).toEqual({ mask: PSW_64, ia: BigInt(r.sym.after_bad) });
  });

  it('DR with an odd first register is a specification exception', async () => {
    const r = await run('specification', 2);
    expectMarkerWait(r);
    expect(r.h(LC.LC_PGM_CODE)).toBe(0x0006);
    expect(r.h(LC.LC_PGM_ILC)).toBe(2);
    expect(r.psw(LC.LC_PROGRAM_OLD_PSW).ia).toBe(BigInt(r.sym.after_bad));
  });
});

describe('SVC interruption', () => {
  it('stores the code and ILC and designates the next instruction', async () => {
    const r = await run('svc');
    expectMarkerWait(r);
    expect(r.h(LC.LC_SVC_CODE)).toBe(42);
    expect(r.h(LC.LC_SVC_ILC)).toBe(2);
    expect(r.psw(LC.LC_SVC_OLD_PSW)).toEqual({ mask: PSW_64, ia: BigInt(r.sym.after_svc) });
  });
});

describe('dynamic address translation', () => {
  it('reads through a page-table entry that maps a virtual page to another real page', async () => {
    const r = await run('dat', 1);
    expectMarkerWait(r);
    expect(r.d(RESULTS)).toBe(0x0123456789abcdefn);
    expect(r.d(0x100000)).toBe(0n); // the real page behind the virtual address is untouched
  });

  it('an invalid page-table entry is a page-translation exception: nullified, TEID = the page', async () => {
    const r = await run('dat', 2);
    expectMarkerWait(r);
    expect(r.h(LC.LC_PGM_CODE)).toBe(0x0011);
    expect(r.h(LC.LC_PGM_ILC)).toBe(6); // LG
    const old = r.psw(LC.LC_PROGRAM_OLD_PSW);
    expect(old.ia).toBe(BigInt(r.sym.fault));
    expect(old.mask & PSW_DAT).toBe(PSW_DAT);
    const teid = r.d(LC.LC_TRANS_EXC_CODE);
    expect(teid & ~0xfffn).toBe(0x101000n);
    expect(teid & 3n).toBe(0n); // primary ASCE
  });

  it('an instruction running into a page that is remapped while its code is compiled takes its bytes from the new page', async () => {
    const r = await run('straddle');
    expectMarkerWait(r);
    expect(r.w(RESULTS) >>> 0).toBe(0x12345678);
    expect(r.w(RESULTS + 4) >>> 0).toBe(0x12349abc);
  });

  it('compiled code reuses a translation only within its page and while the base register is unchanged', async () => {
    const r = await run('samepage');
    expectMarkerWait(r);
    expect(r.d(RESULTS)).toBe(4n);
    expect(r.d(RESULTS + 8)).toBe(40000n);
    expect(r.d(RESULTS + 16)).toBe(28n);
  });

  it('turning DAT off and on within compiled code (STNSM, STOSM) switches the translation of the next access', async () => {
    const r = await run('dat', 5);
    expectMarkerWait(r);
    expect(r.d(RESULTS)).toBe(3n * (0x1111222233334444n + 0x0123456789abcdefn));
  });

  it('code that turns DAT off goes on where its next instruction is now fetched from, not in its compiled code', async () => {
    const r = await run('dat', 6);
    expectMarkerWait(r);
    expect(r.d(RESULTS)).toBe(2n);
  });

  it('an invalid segment-table entry is a segment-translation exception: nullified, TEID = the page', async () => {
    const r = await run('dat', 4);
    expectMarkerWait(r);
    expect(r.h(LC.LC_PGM_CODE)).toBe(0x0010);
    expect(r.h(LC.LC_PGM_ILC)).toBe(6);
    expect(r.psw(LC.LC_PROGRAM_OLD_PSW).ia).toBe(BigInt(r.sym.fault));
    const teid = r.d(LC.LC_TRANS_EXC_CODE);
    expect(teid & ~0xfffn).toBe(0x200000n);
    expect(teid & 3n).toBe(0n);
  });

  it('a store into a page with the protection bit is a protection exception: suppressed, TEID bit 61', async () => {
    const r = await run('dat', 3);
    expectMarkerWait(r);
    expect(r.d(RESULTS + 8)).toBe(0xfedcba9876543210n); // fetching the protected page is allowed
    expect(r.h(LC.LC_PGM_CODE)).toBe(0x0004);
    expect(r.h(LC.LC_PGM_ILC)).toBe(4); // MVI
    expect(r.psw(LC.LC_PROGRAM_OLD_PSW).ia).toBe(BigInt(r.sym.after_fault));
    const teid = r.d(LC.LC_TRANS_EXC_CODE);
    expect(teid & ~0xfffn).toBe(0x102000n);
    expect(teid & 4n).toBe(4n); // DAT protection
    expect(teid & 3n).toBe(0n);
    expect(r.w(0x31000)).toBe(0xfedcba98); // not stored
  });
});

describe('prefixing', () => {
  it('SPX swaps real 0-8K with the prefix area; interruptions use the lowcore at the prefix', async () => {
    const r = await run('prefix');
    expectMarkerWait(r);
    const P = 0x8000;
    expect(r.w(P + RESULTS)).toBe(P); // STPX, stored at real 0xe00
    expect(r.h(P + 0x10) >>> 8).toBe(0xaa);
    expect(r.h(0x10) >>> 8).toBe(0xbb);
    expect(r.h(P + LC.LC_SVC_CODE)).toBe(7);
    expect(r.h(LC.LC_SVC_CODE)).toBe(0);
    expect(r.psw(P + LC.LC_SVC_OLD_PSW)).toEqual({ mask: PSW_64, ia: BigInt(r.sym.after_svc) });
  });
});

describe('clock comparator', () => {
  it('an enabled wait skips virtual time to the comparator and takes external interruption 0x1004', async () => {
    const a = await run('clock');
    expectMarkerWait(a);
    expect(a.h(LC.LC_EXT_INT_CODE)).toBe(0x1004);
    const old = a.psw(LC.LC_EXTERNAL_OLD_PSW);
    expect(old.ia).toBe(0x5000n);
    expect(old.mask & PSW_EXT).toBe(PSW_EXT);
    const start = a.d(RESULTS), ckc = a.d(RESULTS + 8), taken = a.d(RESULTS + 16);
    expect(ckc - start).toBe(0x100000n);
    expect(taken >= ckc).toBe(true);
    expect(a.instructions).toBeLessThan(100); // time was skipped, not spun through
    const b = await run('clock');
    expect(b.instructions).toBe(a.instructions);
    expect(b.d(RESULTS + 16)).toBe(taken);
  });
});

describe('stores over code', () => {
  it('XC over code that has run sets CC 0 and the code is gone; MVC puts it back and it runs again; STH rewrites it in a loop; MVI rewrites the next instruction', async () => {
    const r = await run('codestore');
    expectMarkerWait(r);
    expect((r.w(RESULTS) >>> 28) & 3).toBe(0);
    expect(r.w(RESULTS + 4)).toBe(7);
    expect(r.w(RESULTS + 8)).toBe(10);
    expect(r.w(RESULTS + 12)).toBe(9);
  });
});

describe('SIGP, STAP, STIDP', () => {
  it('sense to a missing CPU is cc 3, to itself cc 0; STAP stores 0, STIDP machine type 2097; stop to itself stops', async () => {
    const r = await run('sigp');
    expect(r.exit).toEqual({ kind: 'stopped' });
    expect((r.w(RESULTS) >>> 28) & 3).toBe(3);
    expect((r.w(RESULTS + 4) >>> 28) & 3).toBe(0);
    expect(r.h(RESULTS + 16)).toBe(0);
    expect((r.d(RESULTS + 24) >> 16n) & 0xffffn).toBe(0x2097n);
  });
});

describe("'run' CLI errors", () => {
  let cli: string;
  let dir: string;
  let out: string;

  beforeAll(() => {
    // A private build of the CLI (tsc emits even if another file has a type error), below the
    // repository so that node_modules resolves.
    out = path.join(ROOT, '.cache', `baremetal-cli-${process.pid}`);
    spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', ROOT, '--outDir', out, '--sourceMap', 'false'], { encoding: 'utf8' });
    cli = path.join(out, 'src/cli.js');
    expect(fs.existsSync(cli)).toBe(true);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baremetal-cli-'));
    fs.writeFileSync(path.join(dir, 'junk'), Buffer.from('this is neither an ELF file nor a Linux image\n'.repeat(20)));
  });

  afterAll(() => {
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const runCli = (...args: string[]): { status: number | null; stderr: string; stdout: string } => {
    const r = spawnSync(process.execPath, [cli, 'run', ...args], { encoding: 'utf8', input: '', timeout: 60_000 });
    return { status: r.status, stderr: r.stderr, stdout: r.stdout };
  };

  it('a kernel that is neither ELF nor a Linux image: non-zero exit, one line naming the problem', () => {
    const r = runCli('--kernel', path.join(dir, 'junk'));
    expect(r.status).not.toBe(0);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^s390x-wasm: not an ELF file or an s390 Linux image/);
  });

  it('a missing --initrd file: non-zero exit, one line naming the file', async () => {
    const { exe } = build('svc');
    const missing = path.join(dir, 'no-such-initrd');
    const r = runCli('--kernel', exe, '--initrd', missing);
    expect(r.status).not.toBe(0);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`--initrd ${missing}: no such file`);
  });

  it('an unknown --engine, JIT family or JIT backend: non-zero exit, one line naming the choices', () => {
    const { exe } = build('svc');
    const engine = runCli('--kernel', exe, '--engine', 'turbo');
    expect(engine.status).not.toBe(0);
    expect(engine.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(engine.stderr).toContain('--engine must be one of interp, jit, lockstep');
    const family = runCli('--kernel', exe, '--jit-disable', 'nosuch');
    expect(family.status).not.toBe(0);
    expect(family.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(family.stderr).toMatch(/unknown JIT family nosuch \(known: load, store/);
    const backend = runCli('--kernel', exe, '--jit-backend', 'llvm');
    expect(backend.status).not.toBe(0);
    expect(backend.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(backend.stderr).toContain('--jit-backend must be one of direct, binaryen');
  });

  it('runs the same under the Binaryen backend', () => {
    const { exe } = build('svc');
    const args = ['--kernel', exe, '--deterministic', '--stats', '--jit-threshold', '1'];
    const direct = runCli(...args);
    const viaBinaryen = runCli(...args, '--jit-backend', 'binaryen');
    const counts = (stderr: string): string[] =>
      stderr.split('\n').filter((l) => /^(blocks compiled|guest instructions compiled|instructions run in compiled code)/.test(l));
    expect(counts(direct.stderr)).toHaveLength(3);
    expect(counts(viaBinaryen.stderr)).toEqual(counts(direct.stderr));
    expect(viaBinaryen.status).toBe(direct.status);
  });

  it('--stats under the JIT names the compile cost and the share run compiled', async () => {
    const { exe } = build('svc');
    const r = runCli('--kernel', exe, '--stats', '--jit-threshold', '1');
    expect(r.stderr).toMatch(/compile time: [\d.]+ ms \([\d.]+ us a guest instruction\)/);
    expect(r.stderr).toMatch(/instructions run in compiled code: [\d.]+%/);
  });
});
