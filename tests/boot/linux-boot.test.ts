// The proof that s390x-wasm is an emulator: Debian's own s390x kernel boots under the reference
// interpreter with the default busybox initramfs, runs a command, and powers off. The console is
// the real one (the SCLP VT220 the kernel writes to); the SHA-256 is checked against Node's.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { boot } from '../../src/boot/boot.js';
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

async function bootOnce(kernel: Uint8Array, initrd: Uint8Array): Promise<{ console: string; instructions: number; exit: string }> {
  let text = '';
  const r = await boot({
    kernel, initrd, memory: 512 * MIB, deterministic: true,
    output: (b) => { text += Buffer.from(b).toString('latin1'); },
  });
  return { console: text, instructions: r.instructions, exit: r.exit.kind };
}

describe('Debian linux-image-s390x under the interpreter', () => {
  const g = fetchGuests();
  const kernel = fs.readFileSync(g.kernel);
  const data = testData();
  const initrd = buildInitramfs(fs.readFileSync(g.busybox), {
    command: 'sha256sum /data.bin; ls -R /',
    files: [{ path: '/data.bin', data, mode: 0o644 }],
  });

  test('boots to /init, runs sha256sum and ls -R /, powers off; twice, identically', async () => {
    const first = await bootOnce(kernel, initrd);
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

    const second = await bootOnce(kernel, initrd);
    expect(second.instructions).toBe(first.instructions);
    expect(second.console === first.console).toBe(true);
  });
});
