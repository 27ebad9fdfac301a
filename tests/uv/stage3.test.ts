import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { decryptPage, pageTweak } from '../../src/uv/component.js';
import { locateSeImage } from '../../src/uv/image-locate.js';
import { openSeHeader } from '../../src/uv/se-header-crypto.js';
import { STAGE3A, STAGE3B } from '../../src/uv/stage3/blobs.js';
import { buildSmallImage } from './fixtures.js';

describe('stage3 loaders', () => {
  // Needs binutils-s390x-linux-gnu; the script fails loudly without it, and so does this test.
  test('the committed bytes are what the assembly sources assemble to', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'stage3-')), 'blobs.ts');
    const build = spawnSync('bash', ['tools/build-stage3.sh', out], { encoding: 'utf8' });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync('src/uv/stage3/blobs.ts', 'utf8'));
  });

  test('the image wires stage3a, the IPIB, the header and stage3b together', () => {
    const { host, input, image } = buildSmallImage();
    const { ipib, ipibAddr } = locateSeImage(image);
    // Short IPL PSW at absolute 0 -> stage3a at 0x10000.
    expect(image.readBigUInt64BE(0)).toBe(0x0008000180010000n);
    expect(image.subarray(0x10000, 0x10000 + STAGE3A.length - 24).equals(STAGE3A.subarray(0, -24))).toBe(true);
    // stage3a_args: offsets relative to the args themselves.
    const args = 0x10000 + STAGE3A.length - 24;
    expect(Number(image.readBigInt64BE(args)) + args).toBe(ipib.hdrAddr);
    expect(Number(image.readBigUInt64BE(args + 8))).toBe(ipib.hdrSize);
    expect(Number(image.readBigInt64BE(args + 16)) + args).toBe(ipibAddr);
    // The header PSW starts stage3b, whose args name the other components and the kernel PSW.
    const { secret } = openSeHeader(image.subarray(ipib.hdrAddr, ipib.hdrAddr + ipib.hdrSize), host.privateKey);
    const [kernel, cmdline, initrd, stage3b] = ipib.components;
    expect(secret.psw).toEqual({ mask: 0x0000000180000000n, addr: BigInt(stage3b!.addr) });
    const loader = decryptPage(secret.xtsKey, pageTweak(stage3b!.tweakPrefix, 0), image.subarray(stage3b!.addr, stage3b!.addr + 4096));
    expect(loader.subarray(0, STAGE3B.length - 64).equals(STAGE3B.subarray(0, -64))).toBe(true);
    const at = STAGE3B.length - 64;
    const u64 = (off: number): number => Number(loader.readBigUInt64BE(at + off));
    expect([u64(0x00), u64(0x08)]).toEqual([kernel!.addr, input.kernel.length]);
    expect([u64(0x10), u64(0x18)]).toEqual([cmdline!.addr, input.parmfile!.length + 1]);
    expect([u64(0x20), u64(0x28)]).toEqual([initrd!.addr, input.initrd!.length]);
    expect([u64(0x30), u64(0x38)]).toEqual([0x0000000180000000, 0x10000]);
    // Tweak prefixes carry C genprotimg's component types in their top 16 bits.
    expect(ipib.components.map((c) => Number(c.tweakPrefix >> 48n))).toEqual([0, 1, 2, 3]);
  });

  test('without -r and -p only kernel and stage3b are components, and their args are zero', () => {
    const { host, image } = buildSmallImage({ initrd: undefined, parmfile: undefined });
    const { ipib } = locateSeImage(image);
    expect(ipib.components.map((c) => Number(c.tweakPrefix >> 48n))).toEqual([0, 3]);
    const { secret } = openSeHeader(image.subarray(ipib.hdrAddr, ipib.hdrAddr + ipib.hdrSize), host.privateKey);
    const stage3b = ipib.components[1]!;
    const loader = decryptPage(secret.xtsKey, pageTweak(stage3b.tweakPrefix, 0), image.subarray(stage3b.addr, stage3b.addr + 4096));
    expect(loader.subarray(STAGE3B.length - 64 + 0x10, STAGE3B.length - 64 + 0x30).every((b) => b === 0)).toBe(true);
  });

  test('a command line longer than the kernel accepts is refused at build time', () => {
    expect(() => buildSmallImage({ parmfile: Buffer.alloc(896, 0x41) })).toThrow('command line is 897 bytes with its NUL; the kernel accepts 896');
    expect(() => buildSmallImage({ parmfile: Buffer.from('a\0b') })).toThrow('parmfile contains a NUL byte');
  });
});
