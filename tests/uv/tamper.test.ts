import { beforeAll, describe, expect, test } from 'vitest';
import { SeError } from '../../src/uv/errors.js';
import { locateSeImage, type LocatedImage } from '../../src/uv/image-locate.js';
import { encodePvIpib, type PvIpib } from '../../src/uv/ipib.js';
import { flatStorage, unpackImage } from '../../src/uv/unpack.js';
import { SCF, SE_HEAD_SIZE } from '../../src/uv/se-header.js';
import { buildSmallImage, p521, type Built } from './fixtures.js';

let built: Built;
let located: LocatedImage;
let hdr: number;

beforeAll(() => {
  built = buildSmallImage();
  located = locateSeImage(built.image);
  hdr = located.ipib.hdrAddr;
});

/** Unpack a tampered copy; the refusal's code and one-line reason. */
function refusal(mutate: (image: Buffer) => Buffer | void, key = built.host.privateKey, ipib?: PvIpib): { code: string; message: string } {
  const copy = Buffer.from(built.image);
  const image = mutate(copy) ?? copy;
  const before = Buffer.from(image);
  try {
    unpackImage(flatStorage(image), ipib ?? locateSeImage(image).ipib, key);
  } catch (err) {
    if (!(err instanceof SeError)) throw err;
    expect(err.message).not.toContain('\n');
    // A refused image leaves guest storage as it was: no plaintext escapes.
    expect(image.equals(before)).toBe(true);
    return { code: err.code, message: err.message };
  }
  throw new Error('tampered image was accepted');
}

const flip = (at: () => number) => (image: Buffer) => {
  image[at()]! ^= 0x01;
};

function withIpib(change: (ipib: PvIpib) => PvIpib) {
  return (image: Buffer): Buffer => {
    encodePvIpib(change(located.ipib)).copy(image, located.ipibAddr);
    return image;
  };
}

describe('tampered images are refused with the right reason', () => {
  test('the untouched image unpacks', () => {
    expect(unpackImage(flatStorage(Buffer.from(built.image)), located.ipib, built.host.privateKey).keySlot).toBe(0);
  });

  test('a flipped byte in the plain part (PLD) fails the header tag', () => {
    expect(refusal(flip(() => hdr + 0xe0 + 7))).toEqual({ code: 'header-auth', message: 'SE header authentication failed (GCM tag mismatch)' });
  });

  test('a flipped byte in the plain part (page count) fails the header tag', () => {
    expect(refusal(flip(() => hdr + 0x37)).code).toBe('header-auth');
  });

  test('a flipped byte in the encrypted part fails the header tag', () => {
    expect(refusal(flip(() => hdr + SE_HEAD_SIZE + 80 + 0x25)).code).toBe('header-auth');
  });

  test('a flipped byte in the header tag fails it', () => {
    expect(refusal(flip(() => hdr + 0x280 - 1)).code).toBe('header-auth');
  });

  test('a flipped byte in the key slot wrapped key does not unwrap', () => {
    expect(refusal(flip(() => hdr + SE_HEAD_SIZE + 40))).toEqual({
      code: 'key-slot-unwrap',
      message: 'key slot 0 does not unwrap (tag mismatch)',
    });
  });

  test('a flipped byte in the key slot tag does not unwrap', () => {
    expect(refusal(flip(() => hdr + SE_HEAD_SIZE + 70)).code).toBe('key-slot-unwrap');
  });

  test('a flipped byte in the key slot digest leaves no slot for this host', () => {
    expect(refusal(flip(() => hdr + SE_HEAD_SIZE + 3)).code).toBe('no-key-slot');
  });

  test('a flipped byte in the customer public key is refused', () => {
    expect(refusal(flip(() => hdr + 0x40 + 14 + 30))).toEqual({ code: 'customer-key', message: 'customer public key is not a point on P-521' });
  });

  test('a flipped byte in a component page fails the PLD only', () => {
    const kernel = located.ipib.components[0]!;
    expect(refusal(flip(() => kernel.addr + 0x3000 + 9))).toEqual({ code: 'verify-failed', message: 'image verification failed: PLD mismatch' });
  });

  test('a component moved to another address fails the ALD only', () => {
    const initrd = located.ipib.components[2]!;
    const moved = built.image.length;
    const result = refusal(
      (image) => {
        const grown = Buffer.concat([image, image.subarray(initrd.addr, initrd.addr + initrd.len)]);
        return withIpib((ipib) => ({ ...ipib, components: ipib.components.map((c, i) => (i === 2 ? { ...c, addr: moved } : c)) }))(grown);
      },
    );
    expect(result).toEqual({ code: 'verify-failed', message: 'image verification failed: ALD mismatch' });
  });

  test('a changed tweak prefix fails the TLD only', () => {
    const result = refusal(withIpib((ipib) => ({ ...ipib, components: ipib.components.map((c, i) => (i === 1 ? { ...c, tweakPrefix: c.tweakPrefix + 1n } : c)) })));
    expect(result).toEqual({ code: 'verify-failed', message: 'image verification failed: TLD mismatch' });
  });

  test('a dropped component fails the page count and every digest', () => {
    const result = refusal(withIpib((ipib) => ({ ...ipib, components: ipib.components.slice(0, 3) })));
    expect(result.code).toBe('verify-failed');
    expect(result.message).toMatch(/^image verification failed: \d+ pages where the header says \d+, PLD mismatch, ALD mismatch, TLD mismatch$/);
  });

  test('an image for another host key has no slot for ours', () => {
    expect(refusal(() => undefined, p521().privateKey)).toEqual({ code: 'no-key-slot', message: 'SE header has no key slot for this host key' });
  });

  test('an unsupported PCF bit is refused before any cryptography', () => {
    expect(refusal(flip(() => hdr + 0x38))).toEqual({ code: 'pcf-unsupported', message: 'SE header PCF bits 0x0100000000000000 are not supported' });
  });

  test('an SCF demanding the CCK extension secret is refused; CCK update is accepted', () => {
    const demanding = buildSmallImage({ scf: SCF.cckExtensionSecret });
    expect(() => unpackImage(flatStorage(demanding.image), locateSeImage(demanding.image).ipib, demanding.host.privateKey)).toThrow(
      'SE header SCF bits 0x4000000000000000 are not supported',
    );
    const permissive = buildSmallImage({ scf: SCF.cckUpdateAllowed });
    expect(unpackImage(flatStorage(permissive.image), locateSeImage(permissive.image).ipib, permissive.host.privateKey).secret.scf).toBe(SCF.cckUpdateAllowed);
  });

  test('overlapping components and components beyond storage are refused', () => {
    expect(refusal(withIpib((ipib) => ({ ...ipib, components: ipib.components.map((c, i) => (i === 1 ? { ...c, addr: ipib.components[0]!.addr } : c)) }))).code).toBe('page-range');
    expect(refusal(withIpib((ipib) => ({ ...ipib, components: ipib.components.map((c, i) => (i === 3 ? { ...c, len: c.len + 0x100000 } : c)) }))).code).toBe('page-range');
  });
});

describe('malformed headers never crash', () => {
  test('structural damage gives a typed one-line refusal', () => {
    const cases: [(image: Buffer) => void, string][] = [
      [(i) => i.write('IBMSecEy', hdr, 'ascii'), 'header-magic'],
      [(i) => i.writeUInt32BE(0x200, hdr + 8), 'header-version'],
      [(i) => i.writeUInt32BE(0x2000 + 16, hdr + 0x0c), 'header-size'],
      [(i) => i.writeBigUInt64BE(0n, hdr + 0x20), 'header-layout'],
      [(i) => i.writeBigUInt64BE(2n ** 63n, hdr + 0x28), 'header-layout'],
    ];
    for (const [mutate, code] of cases) {
      // The IPIB comes from diag 308, not from scanning for the (now damaged) magic.
      expect(refusal((image) => void mutate(image), built.host.privateKey, located.ipib).code).toBe(code);
    }
  });

  test('random byte flips anywhere in the header are always refused as SeError', () => {
    let seed = 0x5eed;
    const next = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 8;
    for (let round = 0; round < 200; round++) {
      const at = hdr + (next() % 0x280);
      const bit = 1 << (next() % 8);
      refusal((image) => {
        image[at]! ^= bit;
      });
    }
  });
});
