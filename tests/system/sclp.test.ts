import { describe, expect, it } from 'vitest';
import { Pic, ProgramException } from '../../src/runtime/interruption.js';
import { Sclp, type SclpConfig } from '../../src/runtime/sclp/sclp.js';
import { createStateMemory } from '../../src/runtime/state.js';
import { Storage } from '../../src/runtime/storage.js';

const STORAGE = 16 << 20;
const SCCB = 0x10000;
const PAGE = 4096;

const READ_SCP_INFO = 0x00020001;
const READ_SCP_INFO_FORCED = 0x00120001;
const READ_CPU_INFO = 0x00010001;
const WRITE_EVENT_MASK = 0x00780005;
const WRITE_EVENT_DATA = 0x00760005;
const READ_EVENT_DATA = 0x00770005;

// Event mask bits for 4-byte masks: type t is bit t - 1 from the left.
const OPCMD = 0x80000000;
const MSG = 0x40000000;
const VT220 = 0x00000040;

function setup(config: Partial<SclpConfig> = {}) {
  const storage = new Storage(createStateMemory(STORAGE));
  const out: number[] = [];
  const sclp = new Sclp(storage, { memoryBytes: STORAGE, cpus: 1, lineMode: true, ...config }, { output: (b) => out.push(...b) });
  const text = () => String.fromCharCode(...out);
  /** Issues a command on an SCCB of `length` (garbage-filled beyond what `fill` writes) and takes
   *  the completion signal, which must name the SCCB. */
  const call = (command: number, length: number, fill: (a: number) => void = () => {}, at = SCCB) => {
    storage.fill(at, length, 0xa5);
    storage.write16(at, length);
    storage.write32(at + 2, 0);
    storage.write16(at + 6, 0);
    fill(at);
    expect(sclp.serviceCall(command, at)).toBe(0);
    const param = sclp.takeServiceSignal();
    expect(param! & ~7).toBe(at);
    return { rc: storage.read16(at + 6), param: param! };
  };
  const setMask = (receive: number, send: number) =>
    call(WRITE_EVENT_MASK, 28, (a) => {
      storage.write16(a + 8, 0);
      storage.write16(a + 10, 4);
      storage.write32(a + 12, receive);
      storage.write32(a + 16, send);
    });
  const readEvents = (functionCode = 0, variableLength = true) =>
    call(READ_EVENT_DATA, PAGE, (a) => {
      storage.fill(a + 8, PAGE - 8, 0);
      storage.write8(a + 2, functionCode);
      storage.write8(a + 5, variableLength ? 0x80 : 0);
    });
  return { storage, sclp, out, text, call, setMask, readEvents };
}

/** EBCDIC (code page 500) for the characters these tests use. */
const EBCDIC: Record<string, number> = { ' ': 0x40, '.': 0x4b };
for (let i = 0; i < 9; i++) {
  EBCDIC['abcdefghi'[i]] = 0x81 + i;
  EBCDIC['jklmnopqr'[i]] = 0x91 + i;
  EBCDIC['ABCDEFGHI'[i]] = 0xc1 + i;
  EBCDIC['JKLMNOPQR'[i]] = 0xd1 + i;
}
for (let i = 0; i < 8; i++) {
  EBCDIC['stuvwxyz'[i]] = 0xa2 + i;
  EBCDIC['STUVWXYZ'[i]] = 0xe2 + i;
}
for (let i = 0; i < 10; i++) EBCDIC[String(i)] = 0xf0 + i;
const ebcdic = (s: string) => Uint8Array.from(s, (c) => EBCDIC[c]);
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('Read SCP Info', () => {
  it('reports storage increments, CPUs, load parameter and only the CPU-info facility', () => {
    const { storage, call } = setup({ cpus: 3, maxCpus: 5, loadParm: 'boot1' });
    const { rc } = call(READ_SCP_INFO, PAGE, (a) => storage.write8(a + 2, 0x80));
    expect(rc).toBe(0x0010);
    const rnmax = storage.read16(SCCB + 8);
    const rnsize = storage.read8(SCCB + 10);
    expect(rnmax * rnsize * (1 << 20)).toBe(STORAGE);
    expect(storage.read16(SCCB + 16)).toBe(3); // ncpurl
    const cpuoff = storage.read16(SCCB + 18);
    expect(cpuoff).toBe(128);
    for (let i = 0; i < 3; i++) {
      expect(storage.read8(SCCB + cpuoff + 16 * i)).toBe(i);
      expect(storage.readBytes(SCCB + cpuoff + 16 * i + 1, 15)).toEqual(new Uint8Array(15));
    }
    expect(storage.read16(SCCB + 120)).toBe(4); // highest CPU address
    expect(storage.readBytes(SCCB + 24, 8)).toEqual(Uint8Array.of(0xc2, 0xd6, 0xd6, 0xe3, 0xf1, 0x40, 0x40, 0x40));
    storage.read64(SCCB + 48);
    expect([storage.hi >>> 0, storage.lo]).toEqual([0x08000000, 0]);
    // Facility bytes Linux tests (ESOP, SIIF, PV, diag318, ...) and everything after the last
    // CPU entry: all cleared, not left as the guest's garbage.
    for (const fac of [42, 43, 66, 84, 85, 91, 98, 116, 117, 118, 119, 134, 135]) {
      expect(storage.read8(SCCB + fac)).toBe(0);
    }
    expect(storage.readBytes(SCCB + cpuoff + 48, PAGE - cpuoff - 48).every((b) => b === 0)).toBe(true);
  });

  it('answers the forced variant and ignores the resource byte of the command word', () => {
    const { storage, call } = setup();
    expect(call(READ_SCP_INFO_FORCED, PAGE).rc).toBe(0x0010);
    expect(call(READ_SCP_INFO | 0x4200, PAGE).rc).toBe(0x0010);
    expect(storage.read16(SCCB + 16)).toBe(1);
  });

  it('uses rnmax2 when the increment count overflows 16 bits', () => {
    const { storage, call } = setup({ memoryBytes: 2 ** 36 });
    expect(call(READ_SCP_INFO, PAGE).rc).toBe(0x0010);
    expect(storage.read16(SCCB + 8)).toBe(0);
    storage.read64(SCCB + 104);
    expect(storage.hi * 2 ** 32 + (storage.lo >>> 0)).toBe(2 ** 36 / (storage.read8(SCCB + 10) << 20));
  });

  it('wants room for every possible CPU', () => {
    const { call } = setup({ cpus: 2, maxCpus: 8 });
    expect(call(READ_SCP_INFO, 128 + 8 * 16 - 1).rc).toBe(0x0300);
    expect(call(READ_SCP_INFO, 16).rc).toBe(0x0300);
    expect(call(READ_SCP_INFO, 128 + 8 * 16).rc).toBe(0x0010);
  });
});

describe('Read CPU Info', () => {
  it('lists the configured CPUs and no standby ones', () => {
    const { storage, call } = setup({ cpus: 2 });
    expect(call(READ_CPU_INFO, PAGE).rc).toBe(0x0010);
    expect(storage.read16(SCCB + 8)).toBe(2);
    const offset = storage.read16(SCCB + 10);
    expect(offset).toBe(24);
    expect(storage.read16(SCCB + 12)).toBe(0);
    expect(storage.read16(SCCB + 14)).toBe(offset + 32);
    expect([storage.read8(SCCB + offset), storage.read8(SCCB + offset + 16)]).toEqual([0, 1]);
    expect(call(READ_CPU_INFO, 24 + 16 - 1).rc).toBe(0x0300);
  });
});

describe('SERVICE CALL checks', () => {
  const code = (f: () => void) => {
    try {
      f();
    } catch (e) {
      return e instanceof ProgramException ? e.code : -1;
    }
    return 0;
  };

  it('raises specification and addressing exceptions for bad SCCB addresses and lengths', () => {
    const { sclp, storage } = setup();
    storage.write16(SCCB, PAGE);
    expect(code(() => sclp.serviceCall(READ_SCP_INFO, SCCB + 4))).toBe(Pic.Specification);
    expect(code(() => sclp.serviceCall(READ_SCP_INFO, 0x1000))).toBe(Pic.Specification);
    expect(code(() => sclp.serviceCall(READ_SCP_INFO, 0x80000000))).toBe(Pic.Specification);
    expect(code(() => sclp.serviceCall(READ_SCP_INFO, SCCB, SCCB))).toBe(Pic.Specification);
    expect(code(() => sclp.serviceCall(READ_SCP_INFO, 0x40000000))).toBe(Pic.Addressing);
    storage.write16(STORAGE - 8, 16);
    expect(code(() => sclp.serviceCall(READ_SCP_INFO, STORAGE - 8))).toBe(Pic.Addressing);
    storage.write16(SCCB, 7);
    expect(code(() => sclp.serviceCall(READ_SCP_INFO, SCCB))).toBe(Pic.Specification);
    expect(sclp.signalPending).toBe(false);
    storage.write16(SCCB, PAGE);
    expect(code(() => sclp.serviceCall(READ_SCP_INFO, SCCB, 0x20000))).toBe(0);
  });

  it('answers an unknown command and a page-crossing SCCB in the response code', () => {
    const { call } = setup();
    expect(call(0x00ff0001, PAGE).rc).toBe(0x01f0);
    expect(call(READ_SCP_INFO, 0x200, undefined, SCCB + 0xf00).rc).toBe(0x0100);
  });

  it('is busy until the previous completion signal is taken', () => {
    const { sclp, storage } = setup();
    storage.write16(SCCB, PAGE);
    expect(sclp.signalPending).toBe(false);
    expect(sclp.takeServiceSignal()).toBeNull();
    expect(sclp.serviceCall(READ_SCP_INFO, SCCB)).toBe(0);
    expect(sclp.signalPending).toBe(true);
    storage.write16(SCCB + PAGE, PAGE);
    storage.write16(SCCB + PAGE + 6, 0);
    expect(sclp.serviceCall(READ_SCP_INFO, SCCB + PAGE)).toBe(2);
    expect(storage.read16(SCCB + PAGE + 6)).toBe(0); // untouched
    expect(sclp.takeServiceSignal()).toBe(SCCB);
    expect(sclp.signalPending).toBe(false);
    expect(sclp.serviceCall(READ_SCP_INFO, SCCB + PAGE)).toBe(0);
    expect(sclp.takeServiceSignal()).toBe(SCCB + PAGE);
  });
});

describe('Write Event Mask', () => {
  it('records the guest masks and returns the SCLP masks', () => {
    const { storage, setMask } = setup();
    expect(setMask(VT220, VT220 | MSG).rc).toBe(0x0020);
    expect(storage.read32(SCCB + 20) >>> 0).toBe((MSG | VT220) >>> 0); // SCLP receive mask
    expect(storage.read32(SCCB + 24) >>> 0).toBe((OPCMD | VT220) >>> 0); // SCLP send mask
  });

  it('takes 8-byte masks and rejects a zero mask length', () => {
    const { storage, call } = setup();
    const rc8 = call(WRITE_EVENT_MASK, 12 + 32, (a) => {
      storage.write16(a + 10, 8);
      storage.fill(a + 12, 16, 0);
    }).rc;
    expect(rc8).toBe(0x0020);
    const sclpMasks = [0x40, 0, 0, 0x40, 0, 0, 0, 0, 0x80, 0, 0, 0x40, 0, 0, 0, 0];
    expect(storage.readBytes(SCCB + 28, 16)).toEqual(Uint8Array.from(sclpMasks));
    expect(call(WRITE_EVENT_MASK, 28, (a) => storage.write16(a + 10, 0)).rc).toBe(0x74f0);
    expect(call(WRITE_EVENT_MASK, 12 + 31, (a) => storage.write16(a + 10, 8)).rc).toBe(0x0300);
  });
});

describe('Write Event Data', () => {
  function writeEvents(env: ReturnType<typeof setup>, buffers: Uint8Array[]) {
    const length = 8 + buffers.reduce((n, b) => n + b.length, 0);
    return env.call(WRITE_EVENT_DATA, length, (a) => {
      let at = a + 8;
      for (const b of buffers) {
        env.storage.writeBytes(at, b);
        at += b.length;
      }
    });
  }
  const eventBuffer = (type: number, body: Uint8Array) => {
    const b = new Uint8Array(6 + body.length);
    new DataView(b.buffer).setUint16(0, b.length);
    b[2] = type;
    b.set(body, 6);
    return b;
  };
  const mdbObject = (type: number, body: Uint8Array) => {
    const b = new Uint8Array(4 + body.length);
    const v = new DataView(b.buffer);
    v.setUint16(0, b.length);
    v.setUint16(2, type);
    b.set(body, 4);
    return b;
  };
  const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
  const mto = (s: string) => mdbObject(4, concat(Uint8Array.of(0x10, 0, 0, 0, 0, 0), ebcdic(s)));
  const message = (...objects: Uint8Array[]) => {
    const body = concat(...objects);
    const header = new Uint8Array(12);
    const v = new DataView(header.buffer);
    v.setUint16(0, 12 + body.length);
    v.setUint16(2, 1);
    v.setUint32(4, 0xd4c4c240);
    v.setUint32(8, 1);
    return eventBuffer(0x02, concat(header, body));
  };

  it('sends VT220 data to the console as is and marks the buffer accepted', () => {
    const env = setup();
    env.setMask(0, VT220);
    expect(writeEvents(env, [eventBuffer(0x1a, ascii('hello\r\n'))]).rc).toBe(0x0020);
    expect(env.text()).toBe('hello\r\n');
    expect(env.storage.read8(SCCB + 8 + 3) & 0x80).toBe(0x80);
  });

  it('sends each line-mode MTO as a line, skipping the general object', () => {
    const env = setup();
    env.setMask(0, MSG);
    const go = mdbObject(1, new Uint8Array(20));
    const rc = writeEvents(env, [message(go, mto('Linux version 6.1'), mto('Kernel command line.'))]).rc;
    expect(rc).toBe(0x0020);
    expect(env.text()).toBe('Linux version 6.1\nKernel command line.\n');
    expect(env.storage.read8(SCCB + 8 + 3) & 0x80).toBe(0x80);
  });

  it('rejects an MDB whose object overruns it without writing anything', () => {
    const env = setup();
    env.setMask(0, MSG);
    const bad = message(mto('first'), mto('second'));
    new DataView(bad.buffer).setUint16(6 + 12 + 15, 200); // second MTO's length
    expect(writeEvents(env, [bad]).rc).toBe(0x72f0);
    expect(env.out).toEqual([]);
  });

  it('refuses event types the guest did not enable or the SCLP does not take', () => {
    const env = setup();
    env.setMask(0, MSG);
    const rc = writeEvents(env, [eventBuffer(0x1a, ascii('x')), eventBuffer(0x02, new Uint8Array(0))]).rc;
    expect(rc).toBe(0x40f0);
    expect(env.out).toEqual([]);
    expect(env.storage.read8(SCCB + 8 + 3) & 0x80).toBe(0);
    env.setMask(0, 0x00000400); // type 0x16: not one of ours
    expect(writeEvents(env, [eventBuffer(0x16, ascii('x'))]).rc).toBe(0x40f0);
  });

  it('checks event buffer lengths against the SCCB', () => {
    const env = setup();
    env.setMask(0, VT220);
    const long = eventBuffer(0x1a, ascii('abc'));
    new DataView(long.buffer).setUint16(0, 40);
    expect(writeEvents(env, [long]).rc).toBe(0x73f0);
    expect(writeEvents(env, [eventBuffer(0x1a, ascii('ok')), Uint8Array.of(0, 3, 0x1a)]).rc).toBe(0x73f0);
    expect(env.out).toEqual([]);
    expect(env.call(WRITE_EVENT_DATA, 8, (a) => env.storage.write8(a + 2, 1)).rc).toBe(0x40f0);
  });
});

describe('Read Event Data and console input', () => {
  it('holds VT220 input until the guest receives VT220 events', () => {
    const { sclp, storage, setMask, readEvents } = setup();
    sclp.input(ascii('ls\r'));
    expect(sclp.signalPending).toBe(false);
    setMask(0, VT220);
    expect(readEvents().rc).toBe(0x60f0);
    expect(storage.read16(SCCB)).toBe(8);

    const { param } = setMask(VT220, VT220);
    expect(param & 1).toBe(1); // the completion says events are pending
    const read = readEvents();
    expect(read.rc).toBe(0x0020);
    expect(read.param & 1).toBe(0);
    expect(storage.read16(SCCB)).toBe(8 + 6 + 1 + 3);
    expect(storage.read8(SCCB + 5) & 0x80).toBe(0);
    expect(storage.read16(SCCB + 8)).toBe(10);
    expect(storage.read8(SCCB + 10)).toBe(0x1a);
    expect(storage.read8(SCCB + 14)).toBe(0); // session data
    expect(String.fromCharCode(...storage.readBytes(SCCB + 15, 3))).toBe('ls\r');
    expect(readEvents().rc).toBe(0x60f0);
  });

  it('signals input that arrives once the mask allows it, without making the SCLP busy', () => {
    const { sclp, storage, setMask, readEvents } = setup();
    setMask(VT220, VT220);
    sclp.input(ascii('x'));
    expect(sclp.signalPending).toBe(true);
    storage.write16(SCCB, PAGE);
    storage.write8(SCCB + 2, 0);
    expect(sclp.serviceCall(READ_EVENT_DATA, SCCB)).toBe(0);
    expect(sclp.takeServiceSignal()).toBe(SCCB);
    expect(storage.read8(SCCB + 15)).toBe(0x78);
    sclp.input(ascii('y'));
    expect(sclp.takeServiceSignal()).toBe(1);
    expect(readEvents(0, false).rc).toBe(0x0020);
    expect(storage.read16(SCCB)).toBe(PAGE); // no variable-length response asked for
  });

  it('honours selective reads and rejects a selection outside the receive mask', () => {
    const { sclp, storage, setMask, readEvents, call } = setup();
    setMask(VT220, VT220);
    sclp.input(ascii('z'));
    sclp.takeServiceSignal();
    const selective = (mask: number) =>
      call(READ_EVENT_DATA, PAGE, (a) => {
        storage.fill(a + 8, PAGE - 8, 0);
        storage.write8(a + 2, 1);
        storage.write32(a + 8, mask);
      }).rc;
    expect(selective(MSG)).toBe(0x70f0);
    expect(selective(VT220)).toBe(0x0020);
    expect(readEvents(7).rc).toBe(0x40f0);
    expect(call(READ_EVENT_DATA, 2048).rc).toBe(0x0300);
  });

  it('delivers line-mode input as one operator command per line in EBCDIC', () => {
    const { sclp, storage, setMask, readEvents } = setup();
    setMask(OPCMD, MSG);
    sclp.input(ascii('echo hi'));
    expect(sclp.signalPending).toBe(false); // no complete line yet
    sclp.input(ascii('\r'));
    expect(sclp.takeServiceSignal()).toBe(1);
    sclp.input(ascii('\nls\n'));
    const read = readEvents();
    expect(read.rc).toBe(0x0020);
    const lines: string[] = [];
    for (let ev = SCCB + 8; ev < SCCB + storage.read16(SCCB); ev += storage.read16(ev)) {
      expect(storage.read8(ev + 2)).toBe(0x01);
      lines.push(operatorCommandText(storage, ev));
    }
    expect(lines).toEqual(['echo hi', 'ls']);
    expect(read.param & 1).toBe(0);
  });

  it('forgets the guest masks on reset', () => {
    const { sclp, setMask } = setup();
    setMask(VT220, VT220);
    sclp.reset();
    sclp.input(ascii('a'));
    expect(sclp.signalPending).toBe(false);
  });
});

/** Walks an operator-command event buffer the way Linux's sclp_tty receiver does and decodes the
 *  text subvector. */
function operatorCommandText(storage: Storage, ev: number): string {
  const find = (start: number, end: number, id: number) => {
    for (let v = start; v < end; v += storage.read16(v)) if (storage.read16(v + 2) === id) return v;
    throw new Error(`no GDS vector ${id.toString(16)}`);
  };
  const evEnd = ev + storage.read16(ev);
  const mdsmu = find(ev + 6, evEnd, 0x1310);
  const cpmsu = find(mdsmu + 4, mdsmu + storage.read16(mdsmu), 0x1212);
  const textcmd = find(cpmsu + 4, cpmsu + storage.read16(cpmsu), 0x1320);
  expect(textcmd + storage.read16(textcmd)).toBe(evEnd);
  const selfdef = textcmd + 4;
  expect(storage.read8(selfdef + 1)).toBe(0x31);
  const text = selfdef + 2;
  expect(storage.read8(text + 1)).toBe(0x30);
  expect(selfdef + storage.read8(selfdef)).toBe(evEnd);
  const bytes = storage.readBytes(text + 2, storage.read8(text) - 2);
  const decode = Object.fromEntries(Object.entries(EBCDIC).map(([c, e]) => [e, c]));
  return Array.from(bytes, (b) => decode[b] ?? '?').join('');
}
