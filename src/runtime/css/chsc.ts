// CHANNEL SUBSYSTEM CALL for a subsystem with no channel paths and no optional facilities.
// Linux's cio (drivers/s390/cio/chsc.c, css.c) issues at boot: store channel-subsystem
// characteristics (SCSC), set domain attributes to enable multiple subchannel sets (SDA), and
// store configuration-level information (SDCAL, answered "not supported"); store event
// information (SEI) when a channel report names the subsystem. It treats every response but
// 0x0001 as a quiet -errno, logged only to its s390 debug feature. Field masks follow QEMU's
// ioinst.c, whose answers Linux has been booting against.
import { Pic, ProgramException } from '../interruption.js';
import type { CssMemory } from '../css.js';

/** Command codes (request word 0 bits 16-31). */
export const enum ChscCommand {
  StoreChannelPathDescription = 0x0002,
  StoreEventInformation = 0x000e,
  StoreChannelSubsystemCharacteristics = 0x0010,
  SetDomainAttributes = 0x0031,
}

/** Response codes (response word 0 bits 16-31). */
export const enum ChscResponse {
  Success = 0x0001,
  RequestBlockError = 0x0003,
  NotSupported = 0x0004,
  NoEventInformation = 0x0005,
  FormatNotSupported = 0x0007,
  InvalidCssid = 0x0008,
  FacilityNotProvided = 0x0101,
}

const HEADER_SIZE = 16;
const PAGE = 4096;
const MIN_RESPONSE = 8;
/** SCSC's response: header, 510 words of general and 508 of CHSC characteristics. */
const SCSC_RESPONSE = MIN_RESPONSE + 4 * (510 + 508);
/** SDA operation codes for the multiple-channel-subsystems-extension and
 *  multiple-subchannel-sets facilities, neither of which this subsystem provides. */
const SDA_MCSSE = 0x0000;
const SDA_MSS = 0x0002;

interface Request {
  length: number;
  code: number;
  p0: number;
  p1: number;
  p2: number;
}

interface Response {
  code: number;
  param?: number;
  /** Total response length, header included; MIN_RESPONSE unless data follows. */
  length?: number;
}

const ok = (length = MIN_RESPONSE, param = 0): Response => ({ code: ChscResponse.Success, length, param });

function storeChannelPathDescription(r: Request): Response {
  let rfmt = (r.p0 >>> 8) & 0xf;
  if (rfmt <= 1) rfmt = (r.p0 >>> 28) & 1;
  if (r.length !== HEADER_SIZE || (r.p0 & 0xc000f000) !== 0 || (r.p1 & 0xffffff00) !== 0 || r.p2 !== 0) {
    return { code: ChscResponse.RequestBlockError, param: rfmt };
  }
  if ((r.p0 & 0x0f000000) !== 0) return { code: ChscResponse.FormatNotSupported, param: rfmt };
  if ((r.p0 & 0x00ff0000) !== 0) return { code: ChscResponse.InvalidCssid, param: rfmt };
  if ((r.p1 & 0xff) < (r.p0 & 0xff)) return { code: ChscResponse.RequestBlockError, param: rfmt };
  // No channel path is installed, so the range holds no descriptors.
  return ok(MIN_RESPONSE, rfmt);
}

function storeCharacteristics(r: Request): Response {
  if (r.length !== HEADER_SIZE) return { code: ChscResponse.RequestBlockError };
  if ((r.p0 & 0x000f0000) !== 0) return { code: ChscResponse.FormatNotSupported };
  if ((r.p0 & 0x0000ff00) !== 0) return { code: ChscResponse.InvalidCssid };
  if ((r.p0 & 0xdff000ff) !== 0 || r.p1 !== 0 || r.p2 !== 0) return { code: ChscResponse.RequestBlockError };
  // All characteristics zero: no optional channel-subsystem or CHSC facility is offered.
  return ok(SCSC_RESPONSE);
}

function setDomainAttributes(r: Request): Response {
  if (r.length !== 0x0400 || (r.p0 & 0xf0ff0000) !== 0) return { code: ChscResponse.RequestBlockError };
  if ((r.p0 & 0x0f000000) !== 0) return { code: ChscResponse.FormatNotSupported };
  const oc = r.p0 & 0xffff;
  if (oc === SDA_MCSSE || oc === SDA_MSS) return { code: ChscResponse.FacilityNotProvided };
  return { code: ChscResponse.RequestBlockError };
}

function respond(r: Request): Response {
  switch (r.code) {
    case ChscCommand.StoreChannelPathDescription: return storeChannelPathDescription(r);
    case ChscCommand.StoreChannelSubsystemCharacteristics: return storeCharacteristics(r);
    case ChscCommand.SetDomainAttributes: return setDomainAttributes(r);
    // No channel report is ever made, so there is never event information.
    case ChscCommand.StoreEventInformation: return { code: ChscResponse.NoEventInformation };
    default: return { code: ChscResponse.NotSupported };
  }
}

/** The request block must be on a 4K boundary (specification exception) and its length a
 *  multiple of 8 in 16..4088 (operand exception). The response goes right after the request;
 *  the CC is always 0, as every command here completes synchronously. */
export function chsc(address: number, mem: CssMemory): number {
  if (address % PAGE !== 0) throw new ProgramException(Pic.Specification);
  const h = new DataView(mem.readBytes(address, HEADER_SIZE).slice().buffer);
  const r: Request = {
    length: h.getUint16(0), code: h.getUint16(2), p0: h.getUint32(4), p1: h.getUint32(8), p2: h.getUint32(12),
  };
  if (r.length < HEADER_SIZE || r.length > PAGE - MIN_RESPONSE || r.length % 8 !== 0) {
    throw new ProgramException(Pic.Operand);
  }
  const res = respond(r);
  const length = res.length ?? MIN_RESPONSE;
  const out = new Uint8Array(length);
  const dv = new DataView(out.buffer);
  dv.setUint16(0, length);
  dv.setUint16(2, res.code);
  dv.setUint32(4, res.param ?? 0);
  mem.writeBytes(address + r.length, out);
  return 0;
}
