// The channel subsystem with no devices: SID checks, alignment, CC 3, TPI/STCRW with nothing
// pending, and the CHSC responses Linux's cio reads at boot. A fake subchannel checks routing.
import { beforeEach, describe, expect, test } from 'vitest';
import { ProgramException } from '../../src/runtime/interruption.js';
import { pic } from '../support/pic.js';
import {
  ChannelSubsystem, IO_INTERRUPTION_CODE, IRB_SIZE, SCHIB_SIZE, type CssMemory, type Subchannel,
} from '../../src/runtime/css.js';

const OPERAND = 0x15;
const SPECIFICATION = 0x06;
const ADDRESSING = 0x05;
const SID0 = 0x00010000;

/** 64 KiB of big-endian storage; the last page raises addressing exceptions. */
class Mem implements CssMemory {
  readonly b = new Uint8Array(0x10000);
  readonly dv = new DataView(this.b.buffer);
  writes = 0;
  private guard(a: number, len: number): void {
    if (a + len > 0xf000) throw new ProgramException(ADDRESSING);
  }
  readBytes(a: number, len: number): Uint8Array {
    this.guard(a, len);
    return this.b.slice(a, a + len);
  }
  writeBytes(a: number, bytes: Uint8Array): void {
    this.guard(a, bytes.length);
    this.writes++;
    this.b.set(bytes, a);
  }
  check(a: number, len: number): void {
    this.guard(a, len);
  }
}


let css: ChannelSubsystem;
let mem: Mem;
beforeEach(() => {
  css = new ChannelSubsystem();
  mem = new Mem();
});

describe('subchannel instructions with no subchannels', () => {
  test('a valid SID names no subchannel: CC 3, nothing stored', () => {
    mem.b.fill(0xaa, 0x100, 0x200);
    for (const sid of [SID0, SID0 | 0xffff, SID0 | 0x00020000 | 5]) {
      expect(css.stsch(sid, 0x100, mem)).toBe(3);
      expect(css.msch(sid, 0x400, mem)).toBe(3);
      expect(css.tsch(sid, 0x100, mem)).toBe(3);
      expect(css.csch(sid)).toBe(3);
      expect(css.hsch(sid)).toBe(3);
      expect(css.rsch(sid)).toBe(3);
      expect(css.xsch(sid)).toBe(3);
    }
    expect(mem.writes).toBe(0);
  });

  test('GR1 bits 0-31 are ignored', () => {
    expect(css.csch(SID0 | 0x1234)).toBe(3);
  });

  test('an invalid SID (bit 47 zero, or bits 32-44 nonzero) is an operand exception', () => {
    for (const sid of [0, 0x0000ffff, 0x00090000, 0x80010000, 0x01010000]) {
      expect(pic(() => css.stsch(sid, 0x100, mem)), sid.toString(16)).toBe(OPERAND);
      expect(pic(() => css.msch(sid, 0x100, mem))).toBe(OPERAND);
      expect(pic(() => css.ssch(sid, 0x100, mem))).toBe(OPERAND);
      expect(pic(() => css.tsch(sid, 0x100, mem))).toBe(OPERAND);
      expect(pic(() => css.csch(sid))).toBe(OPERAND);
      expect(pic(() => css.hsch(sid))).toBe(OPERAND);
      expect(pic(() => css.rsch(sid))).toBe(OPERAND);
      expect(pic(() => css.xsch(sid))).toBe(OPERAND);
    }
  });

  test('operands off a word boundary are specification exceptions', () => {
    for (const a of [0x101, 0x102, 0x103]) {
      expect(pic(() => css.stsch(SID0, a, mem))).toBe(SPECIFICATION);
      expect(pic(() => css.msch(SID0, a, mem))).toBe(SPECIFICATION);
      expect(pic(() => css.ssch(SID0, a, mem))).toBe(SPECIFICATION);
      expect(pic(() => css.tsch(SID0, a, mem))).toBe(SPECIFICATION);
      expect(pic(() => css.tpi(a, -1, mem, mem))).toBe(SPECIFICATION);
      expect(pic(() => css.stcrw(a, mem))).toBe(SPECIFICATION);
    }
  });

  test('priorities: access before operand for STSCH, before CC 3 for STSCH and TSCH', () => {
    const bad = 0xf000 - SCHIB_SIZE + 4;
    expect(pic(() => css.stsch(0, bad, mem))).toBe(ADDRESSING);
    expect(pic(() => css.stsch(SID0, bad, mem))).toBe(ADDRESSING);
    expect(pic(() => css.tsch(SID0, 0xf000 - IRB_SIZE + 4, mem))).toBe(ADDRESSING);
    expect(css.tsch(SID0, 0xf000 - IRB_SIZE, mem)).toBe(3);
    // TSCH checks the SID before the operand's alignment.
    expect(pic(() => css.tsch(0, 0x101, mem))).toBe(OPERAND);
  });

  test('MSCH rejects reserved SCHIB bits, SSCH reserved ORB bits, before CC 3', () => {
    mem.b[0x100 + 4] = 0x01; // PMCW word 1 bit 23
    expect(pic(() => css.msch(SID0, 0x100, mem))).toBe(OPERAND);
    mem.b[0x100 + 4] = 0;
    mem.dv.setUint32(0x100 + 24, 0x80000000); // PMCW word 6 bit 0
    expect(pic(() => css.msch(SID0, 0x100, mem))).toBe(OPERAND);
    mem.dv.setUint32(0x100 + 24, 0x00000004); // format-1 block, unaligned address
    mem.b[0x100 + 47] = 0x20;
    expect(pic(() => css.msch(SID0, 0x100, mem))).toBe(OPERAND);
    mem.b[0x100 + 47] = 0x40;
    expect(css.msch(SID0, 0x100, mem)).toBe(3);

    mem.b[0x200 + 8] = 0x80; // 64-bit CCW address in a 31-bit field
    expect(pic(() => css.ssch(SID0, 0x200, mem))).toBe(OPERAND);
    mem.b[0x200 + 8] = 0;
    mem.b[0x200 + 7] = 0x02;
    expect(pic(() => css.ssch(SID0, 0x200, mem))).toBe(OPERAND);
    mem.b[0x200 + 7] = 0;
    expect(css.ssch(SID0, 0x200, mem)).toBe(3);
  });
});

describe('a device model behind attach()', () => {
  const fake = (): Subchannel & { calls: string[] } => {
    const calls: string[] = [];
    return {
      calls,
      stsch: () => new Uint8Array(SCHIB_SIZE).fill(7),
      msch: () => (calls.push('msch'), 0),
      ssch: (orb) => (calls.push(`ssch ${orb[3]}`), 1),
      tsch: () => ({ cc: 0, irb: new Uint8Array(IRB_SIZE).fill(9) }),
      csch: () => 0, hsch: () => 2, rsch: () => 1, xsch: () => 0,
    };
  };

  test('routes subchannel 0.0.0005 and stores its SCHIB and IRB', () => {
    const sch = fake();
    css.attach(5, sch);
    expect(css.stsch(SID0 | 5, 0x100, mem)).toBe(0);
    expect(mem.b[0x100]).toBe(7);
    expect(mem.b[0x100 + SCHIB_SIZE]).toBe(0);
    mem.b[0x203] = 42;
    expect(css.ssch(SID0 | 5, 0x200, mem)).toBe(1);
    expect(css.hsch(SID0 | 5)).toBe(2);
    expect(css.tsch(SID0 | 5, 0x300, mem)).toBe(0);
    expect(mem.b[0x300 + IRB_SIZE - 1]).toBe(9);
    expect(sch.calls).toEqual(['ssch 42']);
    // The same number in subchannel set 1 does not exist.
    expect(css.stsch(SID0 | 0x00020000 | 5, 0x100, mem)).toBe(3);
    expect(css.stsch(SID0 | 6, 0x100, mem)).toBe(3);
  });
});

describe('TPI and STCRW', () => {
  test('TPI with nothing pending: CC 0, nothing stored', () => {
    expect(css.tpi(0x100, -1, mem, mem)).toBe(0);
    expect(css.tpi(0, -1, mem, mem)).toBe(0);
    expect(mem.writes).toBe(0);
  });

  test('TPI stores two words at the operand or three in the lowcore, honouring CR6', () => {
    css.postIo({ sid: SID0 | 3, parm: 0xdeadbeef, iiw: 3 << 27 });
    expect(css.tpi(0x100, 0x80000000, mem, mem)).toBe(0); // only ISC 0 enabled
    expect(css.tpi(0x100, 0x10000000, mem, mem)).toBe(1);
    expect(mem.dv.getUint32(0x100)).toBe(SID0 | 3);
    expect(mem.dv.getUint32(0x104)).toBe(0xdeadbeef);
    expect(mem.dv.getUint32(0x108)).toBe(0);
    css.postIo({ sid: SID0 | 4, parm: 1, iiw: 0x80000000 >>> 0 });
    expect(css.tpi(0, 0x80000000, mem, mem)).toBe(1);
    expect(mem.dv.getUint32(IO_INTERRUPTION_CODE)).toBe(SID0 | 4);
    expect(mem.dv.getUint32(IO_INTERRUPTION_CODE + 8)).toBe(0x80000000);
    expect(css.tpi(0, -1, mem, mem)).toBe(0);
  });

  test('a failed TPI store leaves the interruption pending', () => {
    css.postIo({ sid: SID0, parm: 2, iiw: 0 });
    expect(pic(() => css.tpi(0xeffc, 0x80000000, mem, mem))).toBe(ADDRESSING);
    expect(css.takeIo(0x80000000)?.parm).toBe(2);
  });

  test('STCRW with no CRW: CC 1 and a zero word stored', () => {
    mem.dv.setUint32(0x100, 0xffffffff);
    expect(css.stcrw(0x100, mem)).toBe(1);
    expect(mem.dv.getUint32(0x100)).toBe(0);
    expect(css.crwPending).toBe(false);
  });

  test('STCRW stores queued CRWs in order; a failed store keeps the CRW', () => {
    css.postCrw(0x00830001);
    css.postCrw(0x00440002);
    expect(pic(() => css.stcrw(0xf000, mem))).toBe(ADDRESSING);
    expect(css.stcrw(0x100, mem)).toBe(0);
    expect(mem.dv.getUint32(0x100)).toBe(0x00830001);
    expect(css.stcrw(0x100, mem)).toBe(0);
    expect(mem.dv.getUint32(0x100)).toBe(0x00440002);
    expect(css.crwPending).toBe(false);
  });
});

describe('CHSC', () => {
  const BLOCK = 0x2000;
  function request(length: number, code: number, p0 = 0, p1 = 0, p2 = 0): void {
    mem.b.fill(0, BLOCK, BLOCK + 0x1000);
    mem.dv.setUint16(BLOCK, length);
    mem.dv.setUint16(BLOCK + 2, code);
    mem.dv.setUint32(BLOCK + 4, p0);
    mem.dv.setUint32(BLOCK + 8, p1);
    mem.dv.setUint32(BLOCK + 12, p2);
  }
  function response(reqLength = 16): { length: number; code: number; param: number } {
    const r = BLOCK + reqLength;
    return { length: mem.dv.getUint16(r), code: mem.dv.getUint16(r + 2), param: mem.dv.getUint32(r + 4) };
  }

  test('store channel-subsystem characteristics: success, 4080 bytes, nothing claimed', () => {
    request(0x10, 0x0010);
    mem.b.fill(0xee, BLOCK + 24, BLOCK + 0x1000);
    expect(css.chsc(BLOCK, mem)).toBe(0);
    expect(response()).toEqual({ length: 4080, code: 0x0001, param: 0 });
    expect(mem.b.subarray(BLOCK + 24, BLOCK + 0x1000).every((x) => x === 0)).toBe(true);
  });

  test('SCSC request errors: length, format, CSSID, reserved', () => {
    request(0x18, 0x0010);
    css.chsc(BLOCK, mem);
    expect(response(0x18).code).toBe(0x0003);
    request(0x10, 0x0010, 0x00010000);
    css.chsc(BLOCK, mem);
    expect(response().code).toBe(0x0007);
    request(0x10, 0x0010, 0x20000100);
    css.chsc(BLOCK, mem);
    expect(response().code).toBe(0x0008);
    request(0x10, 0x0010, 0, 1);
    css.chsc(BLOCK, mem);
    expect(response()).toEqual({ length: 8, code: 0x0003, param: 0 });
  });

  test('set domain attributes: MSS and MCSS-E are not provided (0x0101)', () => {
    for (const oc of [0, 2]) {
      request(0x400, 0x0031, oc);
      expect(css.chsc(BLOCK, mem)).toBe(0);
      expect(response(0x400)).toEqual({ length: 8, code: 0x0101, param: 0 });
    }
    request(0x400, 0x0031, 7);
    css.chsc(BLOCK, mem);
    expect(response(0x400).code).toBe(0x0003);
    request(0x10, 0x0031, 2);
    css.chsc(BLOCK, mem);
    expect(response().code).toBe(0x0003);
  });

  test('store event information: no event (0x0005)', () => {
    request(0x10, 0x000e);
    css.chsc(BLOCK, mem);
    expect(response()).toEqual({ length: 8, code: 0x0005, param: 0 });
  });

  test('store channel-path description: an empty range, echoing the response format', () => {
    request(0x10, 0x0002, 0x10000000, 0xff);
    css.chsc(BLOCK, mem);
    expect(response()).toEqual({ length: 8, code: 0x0001, param: 1 });
    request(0x10, 0x0002, 0x00000010, 0x01);
    css.chsc(BLOCK, mem);
    expect(response().code).toBe(0x0003);
  });

  test('other commands (SSD, SDCAL, SSTPI, SCM info): not supported (0x0004)', () => {
    for (const [len, code] of [[0x10, 0x0004], [0x20, 0x0034], [0x10, 0x0038], [0x20, 0x004c]]) {
      request(len!, code!);
      expect(css.chsc(BLOCK, mem)).toBe(0);
      expect(response(len!)).toEqual({ length: 8, code: 0x0004, param: 0 });
    }
  });

  test('the request block must be on a page; its length 16..4088 in doublewords', () => {
    request(0x10, 0x0010);
    expect(pic(() => css.chsc(BLOCK + 8, mem))).toBe(SPECIFICATION);
    for (const len of [0, 8, 0x14, 4096]) {
      request(len, 0x0010);
      expect(pic(() => css.chsc(BLOCK, mem)), String(len)).toBe(OPERAND);
    }
    request(4088, 0x0099);
    expect(css.chsc(BLOCK, mem)).toBe(0);
    expect(response(4088).code).toBe(0x0004);
  });
});

describe('SCHM, RCHP, SAL', () => {
  test('SCHM keeps the measurement-block state and checks reserved bits and alignment', () => {
    css.schm(0x30000003, 0x12340n);
    expect([css.measurementBlockKey, css.measurementBlockUpdate, css.deviceConnectTime]).toEqual([3, true, true]);
    expect(css.measurementBlockOrigin).toBe(0x12340n);
    expect(pic(() => css.schm(0x00000100, 0n))).toBe(OPERAND);
    expect(pic(() => css.schm(0x00000002, 0x12348n))).toBe(OPERAND);
    css.schm(0, 0x7n); // GR2 is ignored outside update mode
    expect(css.measurementBlockUpdate).toBe(false);
    expect(css.measurementBlockOrigin).toBe(0x12340n);
  });

  test('RCHP: no channel path is installed (CC 3); reserved bits and CSSIDs are operand exceptions', () => {
    expect(css.rchp(0x00)).toBe(3);
    expect(css.rchp(0xff)).toBe(3);
    for (const gr1 of [0x100, 0x01000000, 0x00010000]) expect(pic(() => css.rchp(gr1))).toBe(OPERAND);
  });

  test('SAL: bit 32 and bits 48-63 must be zero', () => {
    expect(() => css.sal(0x7fff0000)).not.toThrow();
    expect(pic(() => css.sal(0x80000000))).toBe(OPERAND);
    expect(pic(() => css.sal(0x00000001))).toBe(OPERAND);
  });
});
