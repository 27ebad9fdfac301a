// The boot half of the Ultravisor on a machine: a Secure Execution image goes through our
// stage3a (diag 308 subcodes 8 and 10), the UV unpacks it, stage3b starts the "kernel", and
// that program sees facilities 158/161 and the guest UVCs. Tampered images and a wrong host key
// end in stage3a's disabled wait with the reason kept for the user; host-side access honours
// the secure-page map.
import { describe, expect, test } from 'vitest';
import { locateSeImage } from '../../src/uv/image-locate.js';
import { SecureStorageAccessError } from '../../src/uv/host-access.js';
import { PageState } from '../../src/uv/ultravisor.js';
import { p521 } from './fixtures.js';
import { bootImage, guestImage, MARKER, RESULTS } from './pv-boot-helpers.js';

const host = p521();
const image = guestImage('pv-calls', host.publicKey);
const UVCB = 0x20000;
const READ_SCP_INFO = 0x00020001;

describe('a Secure Execution image on a PV-capable machine', async () => {
  const r = await bootImage(image, host.privateKey);
  const st = r.machine.cpu.storage;
  const uv = r.machine.uv!;
  const cc = (index: number): number => st.read32(RESULTS + 0x18 + 4 * index);
  const rc = (index: number): number => st.read16(UVCB + 0x200 * index + 4);

  test('stage3a unpacks it, stage3b starts the kernel in secure mode', () => {
    expect(r.exit).toMatchObject({ kind: 'disabled-wait', ia: MARKER });
    expect(uv.refusal).toBeNull();
    expect(uv.secure).toBe(true);
  });

  test('the guest sees facilities 158 (UVC) and 161 (unpack) in a third STFLE doubleword', () => {
    expect(st.read32(RESULTS + 16)).toBe(1 << (31 - (158 - 128)));
    expect(st.read32(RESULTS + 20)).toBe(1 << (31 - (161 - 160)));
  });

  test('query: cc 0, rc 1, the query and both share calls installed, SE header v1', () => {
    expect([cc(0), rc(0)]).toEqual([0, 1]);
    expect(st.read32(UVCB + 0x10)).toBe(0x80c00000); // bits 0, 8, 9
    st.read64(UVCB + 0xb0);
    expect(st.hi >>> 0).toBe(0x80000000);
  });

  test('query with a short block: rc 5 below 0xa8 bytes, rc 0x100 (cc 1) with the data that fits', () => {
    expect([cc(5), rc(5)]).toEqual([1, 0x0005]);
    expect([cc(6), rc(6)]).toEqual([1, 0x0100]);
    expect(st.read32(UVCB + 0x200 * 6 + 0x10)).toBe(0x80c00000);
    expect(st.read32(UVCB + 0x200 * 6 + 0xa8)).toBe(0); // past its length: untouched
  });

  test('set / remove shared access: rc 1; an address that is not a page: rc 0x101; a host command: rc 2', () => {
    expect([cc(1), rc(1), cc(2), rc(2), cc(3), rc(3)]).toEqual([0, 1, 0, 1, 0, 1]);
    expect([cc(4), rc(4)]).toEqual([1, 0x0101]);
    expect([cc(7), rc(7)]).toEqual([1, 0x0002]);
    expect([uv.pages[0x30], uv.pages[0x31], uv.pages[0x32]]).toEqual([PageState.Shared, PageState.Secure, PageState.Secure]);
  });

  test('host-side access: a shared page is readable, a secure page is refused', () => {
    expect(Buffer.from(uv.host.readBytes(0x30000, 4)).readUInt32BE()).toBe(0x5ec0de);
    expect(() => uv.host.readBytes(0x31000, 4)).toThrow(SecureStorageAccessError);
    expect(() => uv.host.readBytes(0x31000, 4)).toThrow('host access to secure page 0x31000 refused: the guest has not shared it');
    expect(() => uv.host.writeBytes(0x32000, new Uint8Array(4))).toThrow(SecureStorageAccessError);
    // A range that starts shared and runs into a secure page is refused as a whole.
    expect(() => uv.host.readBytes(0x30ffc, 8)).toThrow('secure page 0x31000');
    expect(st.read32(0x31000)).toBe(0x5ec0de); // the guest's own view is unaffected
  });

  test('the SCLP reaches an SCCB in a secure page through the SIDA, never beyond one page', () => {
    expect(() => uv.sida.readBytes(0x31000, 4096)).not.toThrow();
    expect(() => uv.sida.readBytes(0x31800, 4096)).toThrow(SecureStorageAccessError);
    const sclp = r.machine.sclp;
    const sccb = (at: number, length: number): void => {
      st.fill(at, length, 0);
      st.write16(at, length);
    };
    sccb(0x31000, 0x1000);
    expect(sclp.serviceCall(READ_SCP_INFO, 0x31000)).toBe(0);
    expect(st.read16(0x31006)).toBe(0x0010); // normal read completion
    sclp.takeServiceSignal();
    // An SCCB that runs into the next (secure) page: boundary violation from its header alone.
    sccb(0x32ff0, 0x20);
    expect(sclp.serviceCall(READ_SCP_INFO, 0x32ff0)).toBe(0);
    expect(st.read16(0x32ff6)).toBe(0x0100);
  });
});

describe('refused images', () => {
  const STAGE3A_WAIT_UNPACK = 0x000a0000;

  async function refused(bytes: Buffer, key = host.privateKey) {
    const r = await bootImage(bytes, key);
    return { exit: r.exit, refusal: r.machine.uv!.refusal, secure: r.machine.uv!.secure, storage: r.machine.cpu.storage };
  }

  test('a changed ciphertext byte: VERIFY fails, diag 308 rc 0x0a02, stage3a waits with 0x000a0a02', async () => {
    const bad = Buffer.from(image);
    const kernel = locateSeImage(bad).ipib.components[0]!;
    bad[kernel.addr + 0x10123] ^= 1;
    const r = await refused(bad);
    expect(r.exit).toMatchObject({ kind: 'disabled-wait', ia: STAGE3A_WAIT_UNPACK | 0x0a02 });
    expect(r.refusal?.code).toBe('verify-failed');
    expect(r.refusal?.message).toBe('image verification failed: PLD mismatch');
    expect(r.secure).toBe(false);
    // Nothing was decrypted: the component still holds what the image file has.
    expect(Buffer.from(r.storage.readBytes(kernel.addr, 4096)).equals(bad.subarray(kernel.addr, kernel.addr + 4096))).toBe(true);
  });

  test('a header bit flipped: the GCM tag fails', async () => {
    const bad = Buffer.from(image);
    const { ipib } = locateSeImage(bad);
    bad[ipib.hdrAddr + 0x38 + 7] ^= 0x80; // PCF bit 56, a supported one: only the tag notices
    const r = await refused(bad);
    expect(r.exit).toMatchObject({ kind: 'disabled-wait', ia: STAGE3A_WAIT_UNPACK | 0x0a02 });
    expect(r.refusal?.code).toBe('header-auth');
  });

  test('an image for another machine: no key slot for this host key', async () => {
    const r = await refused(image, p521().privateKey);
    expect(r.exit).toMatchObject({ kind: 'disabled-wait', ia: STAGE3A_WAIT_UNPACK | 0x0a02 });
    expect(r.refusal?.code).toBe('no-key-slot');
  });

  test('a PV IPIB diag 308 subcode 8 refuses: stage3a waits with 0x00080402', async () => {
    const bad = Buffer.from(image);
    const { ipibAddr } = locateSeImage(bad);
    bad.writeUInt32BE(0, ipibAddr + 0x74); // no components
    const r = await refused(bad);
    expect(r.exit).toMatchObject({ kind: 'disabled-wait', ia: 0x00080402 });
    expect(r.secure).toBe(false);
  });
});
