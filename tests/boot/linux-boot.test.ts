// The proof that s390x-wasm is an emulator: Debian's own s390x kernel boots under the reference
// interpreter with the default busybox initramfs, runs a command, and powers off. The console is
// the real one (the SCLP VT220 the kernel writes to); the SHA-256 is checked against Node's.
// The same boot under the JIT must then be the same run: in deterministic mode every
// interruption comes at the same instruction, so the instruction count, the console output, the
// registers and every byte of storage must be identical.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { boot } from '../../src/boot/boot.js';
import type { EngineName } from '../../src/jit/select.js';
import { STORAGE_BASE, TOD } from '../../src/runtime/state.js';
import { fetchGuests } from '../../src/boot/guests.js';
import { buildInitramfs, INIT_MARKER, parseExitStatus } from '../../src/boot/initramfs.js';

const MIB = 1024 * 1024;

/** 4 MiB that no shortcut can guess: a seeded xorshift stream. */
function testData(): Uint8Array {
  const out = new Uint8Array(4 * MIB);
  let x = 0x2545f491;
  for (let i = 0; i < out.length; i += 4) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    out[i] = x; out[i + 1] = x >>> 8; out[i + 2] = x >>> 16; out[i + 3] = x >>> 24;
  }
  return out;
}

interface Booted {
  readonly console: string;
  readonly instructions: number;
  readonly exit: string;
  /** SHA-256 of the architected state words and of storage at the end. */
  readonly state: string;
  readonly storage: string;
  readonly compiled: number;
}

async function bootOnce(kernel: Uint8Array, initrd: Uint8Array, engine: EngineName): Promise<Booted> {
  let text = '';
  const r = await boot({
    kernel, initrd, memory: 512 * MIB, deterministic: true, engine,
    output: (b) => { text += Buffer.from(b).toString('latin1'); },
  });
  const bytes = new Uint8Array(r.machine.cpu.state.memory.buffer);
  const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
  return {
    console: text, instructions: r.instructions, exit: r.exit.kind,
    state: sha(bytes.subarray(0, TOD)), storage: sha(bytes.subarray(STORAGE_BASE)), compiled: r.jit?.insnsRunCompiled ?? 0,
  };
}

describe('Debian linux-image-s390x under the interpreter and the JIT', () => {
  const g = fetchGuests();
  const kernel = fs.readFileSync(g.kernel);
  const data = testData();
  const initrd = buildInitramfs(fs.readFileSync(g.busybox), {
    command: 'sha256sum /data.bin; ls -R /',
    files: [{ path: '/data.bin', data, mode: 0o644 }],
  });

  test('boots to /init, runs sha256sum and ls -R /, powers off; under the JIT, identically', async () => {
    const first = await bootOnce(kernel, initrd, 'interp');
    const c = first.console;
    expect(c).toContain('Linux version 6.');
    expect(c).toContain(INIT_MARKER);
    const sha = createHash('sha256').update(data).digest('hex');
    expect(c).toContain(`${sha}  /data.bin`);
    // ls -R / walks the initramfs and the mounted proc and sysfs.
    for (const line of ['/bin:', '/proc:', '/sys/kernel:', 'busybox', 'data.bin']) expect(c).toContain(line);
    expect(parseExitStatus(c)).toBe(0);
    // Kernel messages only: ls -R / lists /proc/sys/kernel/panic and friends.
    const kernelLog = c.split('\n').filter((l) => /^\[\s*\d+\.\d+\]/.test(l)).join('\n');
    expect(kernelLog).toContain('Run /init as init process');
    for (const bad of ['WARNING:', 'BUG:', 'Oops', 'panic']) expect(kernelLog).not.toContain(bad);
    expect(first.exit).toBe('stopped');

    const jit = await bootOnce(kernel, initrd, 'jit');
    expect(jit.instructions).toBe(first.instructions);
    expect(jit.console === first.console).toBe(true);
    expect(jit.state).toBe(first.state);
    expect(jit.storage).toBe(first.storage);
    expect(jit.compiled / jit.instructions, 'share of instructions run in compiled code').toBeGreaterThan(0.9);
  });
});
