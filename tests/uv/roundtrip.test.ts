import { describe, expect, test } from 'vitest';
import { locateSeImage } from '../../src/uv/image-locate.js';
import { flatStorage, unpackImage } from '../../src/uv/unpack.js';
import { PCF } from '../../src/uv/se-header.js';
import { STAGE3B } from '../../src/uv/stage3/blobs.js';
import { buildSmallImage, p521 } from './fixtures.js';

describe('pvimg create -> locate -> unpack', () => {
  test('every component decrypts to its plaintext, zero padded', () => {
    const { host, input, image } = buildSmallImage();
    const located = locateSeImage(image);
    expect(located.layout).toBe('header-scan');
    expect(located.ipib.hdrAddr).toBe(0x14000);
    expect(located.ipib.components).toHaveLength(4);
    const memory = Buffer.from(image);
    const result = unpackImage(flatStorage(memory), located.ipib, host.privateKey);
    const [kernel, cmdline, initrd, stage3b] = located.ipib.components.map((c) => memory.subarray(c.addr, c.addr + c.len));
    expect(kernel!.subarray(0, input.kernel.length).equals(input.kernel)).toBe(true);
    expect(kernel!.subarray(input.kernel.length).every((b) => b === 0)).toBe(true);
    expect(cmdline!.subarray(0, input.parmfile!.length + 1).toString('latin1')).toBe('console=ttyS0 root=/dev/ram0\0');
    expect(initrd!.subarray(0, input.initrd!.length).equals(input.initrd!)).toBe(true);
    expect(stage3b!.subarray(0, STAGE3B.length - 64).equals(STAGE3B.subarray(0, STAGE3B.length - 64))).toBe(true);
    expect(result.pages).toBe(located.ipib.components.reduce((n, c) => n + c.len / 4096, 0));
    expect(result.secret.psw).toEqual({ mask: 0x0000000180000000n, addr: BigInt(located.ipib.components[3]!.addr) });
    // Ciphertext in the file really differs from the plaintext.
    expect(image.subarray(located.ipib.components[0]!.addr, located.ipib.components[0]!.addr + 64).equals(input.kernel.subarray(0, 64))).toBe(false);
  });

  test('a second host key opens its own slot', () => {
    const second = p521();
    const { image } = buildSmallImage({ hostKeys: [p521().publicKey, second.publicKey] });
    const { ipib } = locateSeImage(image);
    const result = unpackImage(flatStorage(Buffer.from(image)), ipib, second.privateKey);
    expect(result.keySlot).toBe(1);
    expect(result.header.phs).toBe(0x2d0);
  });

  test('without component encryption the pages are stored plain and still verified', () => {
    const { host, input, image } = buildSmallImage({ componentEncryption: false });
    const { ipib } = locateSeImage(image);
    const kernelAt = ipib.components[0]!.addr;
    expect(image.subarray(kernelAt, kernelAt + input.kernel.length).equals(input.kernel)).toBe(true);
    const result = unpackImage(flatStorage(Buffer.from(image)), ipib, host.privateKey);
    expect(result.header.pcf & PCF.noComponentEncryption).toBe(PCF.noComponentEncryption);
  });
});
