// diag 308's PV subcodes and UVC as the architecture gates them: nothing of PV on a machine
// without it, a non-secure guest on a PV-capable machine, and the PV meaning of the resets
// (0 and 1 keep secure mode and unshare everything, 3 leaves it and clears the guest's pages).
import { describe, expect, test } from 'vitest';
import { Pic } from '../../src/runtime/interruption.js';
import { LC_PGM_CODE } from '../../src/runtime/lowcore.js';
import { locateSeImage } from '../../src/uv/image-locate.js';
import { PageState } from '../../src/uv/ultravisor.js';
import { p521 } from './fixtures.js';
import { bootImage, guestImage, MARKER, plainImage, RESULTS } from './pv-boot-helpers.js';

const PGM_WAIT = 0x4343;
const host = p521();

describe('a machine without PV', () => {
  test('has no facility 158 or 161 and STFLE stores two doublewords, as before', async () => {
    const r = await bootImage(plainImage('diag308', ['STEP=0']));
    expect(r.machine.uv).toBeNull();
    expect(r.machine.cpu.facilityList).toHaveLength(4);
  });

  test.each([
    ['UVC: operation exception', 1, Pic.Operation],
    ['diag 308 subcode 8: specification exception', 2, Pic.Specification],
  ])('%s', async (_name, step, code) => {
    const r = await bootImage(plainImage('diag308', [`STEP=${step}`]));
    expect(r.exit).toMatchObject({ kind: 'disabled-wait', ia: PGM_WAIT });
    expect(r.machine.cpu.storage.read16(LC_PGM_CODE)).toBe(code);
  });
});

describe('a non-secure guest on a PV-capable machine', async () => {
  const r = await bootImage(plainImage('diag308', ['STEP=0']), host.privateKey, { pv: true });
  const st = r.machine.cpu.storage;

  test('sees facilities 158 and 161; the UV query lists only itself', () => {
    expect(r.exit).toMatchObject({ kind: 'disabled-wait', ia: MARKER });
    expect([st.read32(RESULTS + 16), st.read32(RESULTS + 20)]).toEqual([0x2, 0x40000000]);
    expect([st.read32(RESULTS + 0x18), st.read16(0x20004)]).toEqual([0, 1]);
    expect(st.read32(0x20010)).toBe(0x80000000);
  });

  test('diag 308 subcode 9 with no PV IPIB: rc 0x0102; subcode 10: rc 0x0902, and nothing is secure', () => {
    expect(st.read32(RESULTS + 0x20)).toBe(0x0102);
    expect(st.read32(RESULTS + 0x28)).toBe(0x0902);
    expect(r.machine.uv!.secure).toBe(false);
    expect(() => r.machine.uv!.host.readBytes(0x10000, 4096)).not.toThrow();
  });

  test('UVC with a non-zero M4 field: specification exception', async () => {
    const bad = await bootImage(plainImage('diag308', ['STEP=3']), host.privateKey, { pv: true });
    expect(bad.exit).toMatchObject({ kind: 'disabled-wait', ia: PGM_WAIT });
    expect(bad.machine.cpu.storage.read16(LC_PGM_CODE)).toBe(Pic.Specification);
  });
});

describe('resets of a secure guest', () => {
  async function resetWith(subcode: number) {
    const image = guestImage('diag308', host.publicKey, ['STEP=4', `SUBCODE=${subcode}`]);
    const r = await bootImage(image, host.privateKey);
    return { r, image, uv: r.machine.uv!, st: r.machine.cpu.storage };
  }

  test('subcode 9 stores the PV IPIB that stage3a set, with the SE header address filled in', async () => {
    const { image, st } = await resetWith(1);
    expect(st.read32(RESULTS + 0x20)).toBe(0x0001);
    const { ipibAddr, ipib } = locateSeImage(image);
    const stored = Buffer.from(st.readBytes(0x40000, 4096));
    expect(stored.subarray(0, 0x78).equals(image.subarray(ipibAddr, ipibAddr + 0x78))).toBe(true);
    expect(Number(stored.readBigUInt64BE(0x78))).toBe(ipib.hdrAddr);
  });

  test.each([0, 1])('subcode %i: the run ends for a re-IPL, the guest stays secure, nothing stays shared', async (subcode) => {
    const { r, uv, st } = await resetWith(subcode);
    expect(r.exit.kind).toBe('stopped');
    expect(r.machine.reipl).toBe(true);
    expect(uv.secure).toBe(true);
    expect(uv.pages[0x30]).toBe(PageState.Secure);
    expect(() => uv.host.readBytes(0x30000, 4)).toThrow('secure page 0x30000');
    expect(st.read32(0x30000)).toBe(0x5ec0de);
  });

  test('subcode 3: secure mode ends and the guest\'s pages are cleared before the host may read them', async () => {
    const { r, uv, st } = await resetWith(3);
    expect(r.exit.kind).toBe('stopped');
    expect(r.machine.reipl).toBe(true);
    expect(uv.secure).toBe(false);
    expect(uv.pages.every((p) => p === PageState.NonSecure)).toBe(true);
    expect(Buffer.from(uv.host.readBytes(0x31000, 4)).readUInt32BE()).toBe(0);
    expect(st.read32(0x10000)).toBe(0); // the kernel's text is gone too
  });
});
