// The channel subsystem as the I/O instructions see it (PoP chapters 14-17), for a machine whose
// devices are added later through attach(). Each method is one instruction's semantics after
// the CPU has decoded it: it gets GR1 (and GR2) as bits 32-63 and the second-operand address
// already computed, raises the architected program exceptions, and returns the CC.
//
// The orders of the checks follow QEMU's target/s390x/ioinst.c, which kvm-unit-tests hold
// against hardware: operand and specification exceptions before CC 3, and for STSCH and TSCH
// access exceptions on the operand before CC 3 too. Multiple subchannel sets and multiple
// channel subsystems are not offered, so SSIDs other than 0 name no subchannel.
import { Pic, ProgramException } from './interruption.js';
import { chsc as chscCommand } from './css/chsc.js';

/** Subchannel-information block: PMCW (28 bytes), SCSW (12), model-dependent area (12). */
export const SCHIB_SIZE = 52;
/** IRB without the extended-measurement word, which needs a facility we do not offer. */
export const IRB_SIZE = 64;
/** The command-mode ORB words this subsystem interprets: parameter, flags, channel program. */
export const ORB_SIZE = 12;
/** Real address of the I/O-interruption code that TPI with a zero operand stores. */
export const IO_INTERRUPTION_CODE = 184;

/** The CPU's storage access at logical addresses; each may throw access exceptions.
 *  GuestMemory (src/runtime/guest-memory.ts) satisfies it. */
export interface CssMemory {
  readBytes(a: number, len: number): Uint8Array;
  writeBytes(a: number, bytes: Uint8Array): void;
  /** Recognises the access exceptions of storing len bytes at a, storing nothing. */
  check(a: number, len: number): void;
}

/** Real storage (prefixing applied, no DAT or protection), for TPI's lowcore store. */
export interface RealMemory {
  writeBytes(a: number, bytes: Uint8Array): void;
}

/** What a device model provides for its subchannel once operand checking is done. */
export interface Subchannel {
  /** The current SCHIB. */
  stsch(): Uint8Array;
  /** schib is the validated SCHIB_SIZE-byte operand. */
  msch(schib: Uint8Array): number;
  /** orb is the validated ORB_SIZE-byte operand. */
  ssch(orb: Uint8Array): number;
  /** CC 0 (status pending) or 1 and the IRB to store. */
  tsch(): { cc: number; irb: Uint8Array };
  csch(): number;
  hsch(): number;
  rsch(): number;
  xsch(): number;
}

/** A pending I/O interruption: the three words of the I/O-interruption code. */
export interface IoInterruption {
  /** Subsystem-identification word. */
  sid: number;
  /** Interruption parameter. */
  parm: number;
  /** Interruption-identification word; bits 2-4 are the ISC. */
  iiw: number;
}

/** The key of a subchannel in the map, from a valid SID. */
function subchannelKey(sid: number): number {
  return sid & 0x0006ffff;
}

/** A SID is bits 32-44 zero, 45-46 the SSID, 47 one, 48-63 the subchannel number. */
function sidValid(gr1: number): boolean {
  return (gr1 & 0xfff80000) === 0 && (gr1 & 0x00010000) !== 0;
}

function checkSid(gr1: number): number {
  if (!sidValid(gr1)) throw new ProgramException(Pic.Operand);
  return subchannelKey(gr1);
}

function checkWordAligned(address: number): void {
  if (address % 4 !== 0) throw new ProgramException(Pic.Specification);
}

const be32 = (b: Uint8Array, off: number): number =>
  ((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0;

function word(v: number): Uint8Array {
  return new Uint8Array([v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]);
}

/** SCHIB fields a program may not set: PMCW word 1 bits 21-23 and word 6 bits 0-7, 11-28; a
 *  format-1 measurement-block address must be on a 64-byte boundary. */
function validSchib(schib: Uint8Array): boolean {
  const flags = (schib[4]! << 8) | schib[5]!;
  const chars = be32(schib, 24);
  if ((flags & 0x0700) !== 0 || (chars & 0xff1ffff8) !== 0) return false;
  const mbfc = (chars & 0x4) !== 0;
  return !mbfc || (schib[47]! & 0x3f) === 0;
}

/** ORB word 1 bit 29 and word 2 bits 26-30 are reserved; the channel-program address is 31-bit. */
function validOrb(orb: Uint8Array): boolean {
  return (orb[5]! & 0x04) === 0 && (orb[7]! & 0x3e) === 0 && (orb[8]! & 0x80) === 0;
}

export class ChannelSubsystem {
  private readonly subchannels = new Map<number, Subchannel>();
  private readonly pendingIo: IoInterruption[] = [];
  private readonly pendingCrws: number[] = [];
  /** SET CHANNEL MONITOR state: measurement-block key, update mode and origin, and the
   *  device-connect-time measurement mode. */
  measurementBlockKey = 0;
  measurementBlockUpdate = false;
  measurementBlockOrigin = 0n;
  deviceConnectTime = false;

  /** Makes subchannel number schNo of subchannel set 0 operational. */
  attach(schNo: number, sch: Subchannel): void {
    this.subchannels.set(schNo & 0xffff, sch);
  }

  /** Called by device models when a subchannel becomes status pending. */
  postIo(intr: IoInterruption): void {
    this.pendingIo.push(intr);
  }

  get ioPending(): boolean {
    return this.pendingIo.length > 0;
  }

  /** Dequeues the first pending I/O interruption whose ISC CR6 (bits 32-63) enables, for TPI and
   *  for the CPU's I/O-interruption delivery. */
  takeIo(cr6: number): IoInterruption | undefined {
    const i = this.pendingIo.findIndex((p) => (cr6 & (0x80000000 >>> ((p.iiw >>> 27) & 7))) !== 0);
    return i < 0 ? undefined : this.pendingIo.splice(i, 1)[0];
  }

  /** Queues a channel-report word; the CPU raises a channel-report-pending machine check. */
  postCrw(crw: number): void {
    this.pendingCrws.push(crw >>> 0);
  }

  get crwPending(): boolean {
    return this.pendingCrws.length > 0;
  }

  private find(key: number): Subchannel | undefined {
    return this.subchannels.get(key);
  }

  stsch(gr1: number, address: number, mem: CssMemory): number {
    checkWordAligned(address);
    if (!sidValid(gr1)) {
      // Operand exceptions rank below access exceptions for the SCHIB.
      mem.check(address, SCHIB_SIZE);
      throw new ProgramException(Pic.Operand);
    }
    const sch = this.find(subchannelKey(gr1));
    if (!sch) {
      mem.check(address, SCHIB_SIZE);
      return 3;
    }
    mem.writeBytes(address, sch.stsch());
    return 0;
  }

  msch(gr1: number, address: number, mem: CssMemory): number {
    checkWordAligned(address);
    const schib = mem.readBytes(address, SCHIB_SIZE);
    const key = checkSid(gr1);
    if (!validSchib(schib)) throw new ProgramException(Pic.Operand);
    return this.find(key)?.msch(schib) ?? 3;
  }

  ssch(gr1: number, address: number, mem: CssMemory): number {
    checkWordAligned(address);
    const orb = mem.readBytes(address, ORB_SIZE);
    const key = checkSid(gr1);
    if (!validOrb(orb)) throw new ProgramException(Pic.Operand);
    return this.find(key)?.ssch(orb) ?? 3;
  }

  tsch(gr1: number, address: number, mem: CssMemory): number {
    const key = checkSid(gr1);
    checkWordAligned(address);
    const sch = this.find(key);
    if (!sch) {
      mem.check(address, IRB_SIZE);
      return 3;
    }
    const { cc, irb } = sch.tsch();
    mem.writeBytes(address, irb);
    return cc;
  }

  csch(gr1: number): number {
    return this.find(checkSid(gr1))?.csch() ?? 3;
  }

  hsch(gr1: number): number {
    return this.find(checkSid(gr1))?.hsch() ?? 3;
  }

  rsch(gr1: number): number {
    return this.find(checkSid(gr1))?.rsch() ?? 3;
  }

  xsch(gr1: number): number {
    return this.find(checkSid(gr1))?.xsch() ?? 3;
  }

  /** TEST PENDING INTERRUPTION: CC 1 with the interruption code stored (two words at address,
   *  or three at real IO_INTERRUPTION_CODE when address is 0), CC 0 when nothing CR6 enables is
   *  pending. The interruption is not dequeued if the store fails. */
  tpi(address: number, cr6: number, mem: CssMemory, real: RealMemory): number {
    checkWordAligned(address);
    const intr = this.takeIo(cr6);
    if (!intr) return 0;
    try {
      if (address === 0) {
        real.writeBytes(IO_INTERRUPTION_CODE, concat(word(intr.sid), word(intr.parm), word(intr.iiw)));
      } else {
        mem.writeBytes(address, concat(word(intr.sid), word(intr.parm)));
      }
    } catch (e) {
      this.pendingIo.unshift(intr);
      throw e;
    }
    return 1;
  }

  /** STORE CHANNEL REPORT WORD: CC 0 with the oldest CRW stored, CC 1 with zeros stored. */
  stcrw(address: number, mem: CssMemory): number {
    checkWordAligned(address);
    const crw = this.pendingCrws[0];
    mem.writeBytes(address, word(crw ?? 0));
    if (crw === undefined) return 1;
    this.pendingCrws.shift();
    return 0;
  }

  /** CHANNEL SUBSYSTEM CALL; address is the request block's (GR R1's contents). */
  chsc(address: number, mem: CssMemory): number {
    return chscCommand(address, mem);
  }

  /** SET CHANNEL MONITOR (no CC). GR1 bits 36-61 are reserved; in update mode the
   *  measurement-block origin in GR2 must be on a 32-byte boundary. */
  schm(gr1: number, gr2: bigint): void {
    if ((gr1 & 0x0ffffffc) !== 0) throw new ProgramException(Pic.Operand);
    const update = (gr1 & 2) !== 0;
    if (update && (gr2 & 0x1fn) !== 0n) throw new ProgramException(Pic.Operand);
    this.measurementBlockKey = gr1 >>> 28;
    this.measurementBlockUpdate = update;
    this.deviceConnectTime = (gr1 & 1) !== 0;
    if (update) this.measurementBlockOrigin = gr2;
  }

  /** RESET CHANNEL PATH: GR1 bits 32-39 and 48-55 are reserved, 40-47 the CSSID (only 0
   *  exists), 56-63 the CHPID. No channel path is installed, so every CHPID is CC 3. */
  rchp(gr1: number): number {
    if ((gr1 & 0xff00ff00) !== 0 || (gr1 & 0x00ff0000) !== 0) throw new ProgramException(Pic.Operand);
    return 3;
  }

  /** SET ADDRESS LIMIT (no CC): bit 32 and bits 48-63 of GR1 must be zero. The limit itself only
   *  matters to subchannels with limit checking, which no device model enables. */
  sal(gr1: number): void {
    if ((gr1 & 0x8000ffff) !== 0) throw new ProgramException(Pic.Operand);
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
