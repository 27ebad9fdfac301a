// Images laid out the other ways IBM's tools do it (PV-SPEC §8): unpack must take every
// address, length and tweak from the IPIB, and the locator must find IPIB and header.
import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { DigestAccumulator, encryptPage, pageTweak } from '../../src/uv/component.js';
import { locateSeImage } from '../../src/uv/image-locate.js';
import { encodePvIpib, pageAlign, type PvComponent } from '../../src/uv/ipib.js';
import { sealSeHeader } from '../../src/uv/se-header-crypto.js';
import { PCF_DEFAULT } from '../../src/uv/se-header.js';
import { flatStorage, unpackImage } from '../../src/uv/unpack.js';
import { buildSmallImage, fakeKernel, p521 } from './fixtures.js';

/**
 * Rust pvimg's layout: components kernel, ramdisk, cmdline, stage3b with tweak types
 * 40/50/60/70, the IPIB appended after stage3b, "SeImgLnx" metadata at 0xC000.
 */
function rustLayoutImage() {
  const host = p521();
  const payloads = [fakeKernel(0x11000), randomBytes(9000), Buffer.from('quiet\0'), randomBytes(300)];
  const types = [40n, 50n, 60n, 70n];
  const hdrAddr = 0x14000;
  let next = hdrAddr + 0x1000;
  const comps: PvComponent[] = payloads.map((p, i) => {
    const comp = { tweakPrefix: (types[i]! << 48n) | BigInt(randomBytes(6).readUIntBE(0, 6)), addr: next, len: pageAlign(p.length) };
    next += comp.len;
    return comp;
  });
  const ipibAddr = next;
  const image = Buffer.alloc(ipibAddr + 0x1000);
  const key = randomBytes(64);
  const digests = new DigestAccumulator();
  comps.forEach((comp, i) => {
    for (let off = 0; off < comp.len; off += 4096) {
      const page = Buffer.alloc(4096);
      payloads[i]!.copy(page, 0, off, Math.min(off + 4096, payloads[i]!.length));
      const tweak = pageTweak(comp.tweakPrefix, off);
      const stored = encryptPage(key, tweak, page);
      stored.copy(image, comp.addr + off);
      digests.add(stored, comp.addr + off, tweak);
    }
  });
  const m = digests.finish();
  const header = sealSeHeader({
    hostKeys: [host.publicKey],
    headerKey: randomBytes(32),
    iv: randomBytes(12),
    nep: m.nep,
    pcf: PCF_DEFAULT,
    pld: m.pld,
    ald: m.ald,
    tld: m.tld,
    secret: { cck: randomBytes(32), xtsKey: key, psw: { mask: 0x180000000n, addr: BigInt(comps[3]!.addr) }, scf: 0n, noi: 0 },
  });
  header.copy(image, hdrAddr);
  encodePvIpib({ hdrAddr, hdrSize: header.length, components: comps }).copy(image, ipibAddr);
  image.write('SeImgLnx', 0xc000, 'ascii');
  image.writeBigUInt64BE(BigInt(hdrAddr), 0xc008);
  image.writeUInt32BE(1, 0xc010);
  image.writeBigUInt64BE(BigInt(ipibAddr), 0xc014);
  return { host, payloads, image, ipibAddr };
}

describe('other image layouts', () => {
  test('Rust pvimg layout: found through its metadata and unpacked from the IPIB', () => {
    const { host, payloads, image, ipibAddr } = rustLayoutImage();
    const located = locateSeImage(image);
    expect(located).toMatchObject({ layout: 'pvimg-metadata', ipibAddr });
    const memory = Buffer.from(image);
    expect(unpackImage(flatStorage(memory), located.ipib, host.privateKey).pages).toBe(17 + 3 + 1 + 1);
    located.ipib.components.forEach((c, i) => {
      expect(memory.subarray(c.addr, c.addr + payloads[i]!.length).equals(payloads[i]!)).toBe(true);
    });
  });

  test('C genprotimg leaves pv_hdr_addr 0; the locator fills it in as stage3a would', () => {
    const { host, image } = buildSmallImage();
    const { ipibAddr, ipib } = locateSeImage(image);
    image.writeBigUInt64BE(0n, ipibAddr + 0x78);
    const located = locateSeImage(image);
    expect(located.ipib.hdrAddr).toBe(ipib.hdrAddr);
    expect(unpackImage(flatStorage(image), located.ipib, host.privateKey).keySlot).toBe(0);
  });
});
