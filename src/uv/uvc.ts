/**
 * ULTRAVISOR CALL from the guest (PV-SPEC §11): the UV control block at a logical address,
 * a header {len, cmd, rc, rrc}, and the guest commands this Ultravisor installs: query
 * (0x0001), set shared access (0x1000) and remove shared access (0x1001). Host commands
 * (creating configurations, unpacking pages) have no issuer here: the machine's diag 308
 * plays the hypervisor and calls the Ultravisor directly.
 */
import type { GuestMemory } from '../runtime/guest-memory.js';
import { PAGE_SIZE } from './ipib.js';
import { PCF_SUPPORTED } from './se-header.js';
import { UvcRc, type Ultravisor } from './ultravisor.js';

export const enum UvcCmd {
  Query = 0x0001,
  SetSharedAccess = 0x1000,
  RemoveSharedAccess = 0x1001,
}

/** Installed-call bits (MSB0 in the query's list) of the commands above. */
const BIT_QUERY = 0;
const BIT_SET_SHARED = 8;
const BIT_REMOVE_SHARED = 9;

const RC_INVALID_LENGTH = 0x0005;
/** Query with a buffer that holds the defined fields but not all of them: the data that fits. */
const RC_MORE_DATA = 0x0100;

const HEADER_SIZE = 8;
const OFF_RC = 4;
const OFF_RRC = 6;
/** uv_cb_qui: at least through supp_se_hdr_pcf's predecessor, and the size with every field. */
export const QUERY_MIN_SIZE = 0xa8;
export const QUERY_SIZE = 0x120;
const QUERY = {
  instCalls: 0x10,
  maxNumSecConf: 0x7c,
  maxGuestStorAddr: 0x80,
  maxGuestCpuId: 0x9e,
  suppSeHdrVersions: 0xb0,
  suppSeHdrPcf: 0xb8,
} as const;
/** uv_cb_share: header, reserved, paddr at 0x20. */
export const SHARE_SIZE = 0x30;
const SHARE_PADDR = 0x20;

/** What this Ultravisor answers to a query. A non-secure guest sees no share calls, so Linux
 *  knows it is not a protected guest. */
function queryBlock(uv: Ultravisor): Buffer {
  const b = Buffer.alloc(QUERY_SIZE);
  const bits = uv.secure ? [BIT_QUERY, BIT_SET_SHARED, BIT_REMOVE_SHARED] : [BIT_QUERY];
  for (const bit of bits) b[QUERY.instCalls + (bit >> 3)] |= 0x80 >> (bit & 7);
  b.writeUInt32BE(1, QUERY.maxNumSecConf);
  b.writeBigUInt64BE(BigInt(uv.pages.length * PAGE_SIZE - 1), QUERY.maxGuestStorAddr);
  b.writeUInt16BE(0, QUERY.maxGuestCpuId);
  b.writeBigUInt64BE(1n << 63n, QUERY.suppSeHdrVersions); // bit 0: SE header version 1
  b.writeBigUInt64BE(PCF_SUPPORTED, QUERY.suppSeHdrPcf);
  return b;
}

function query(uv: Ultravisor, mem: GuestMemory, a: number, len: number): number {
  if (len < QUERY_MIN_SIZE) return RC_INVALID_LENGTH;
  const n = Math.min(len, QUERY_SIZE);
  mem.writeBytes(a + HEADER_SIZE, queryBlock(uv).subarray(HEADER_SIZE, n));
  return len < QUERY_SIZE ? RC_MORE_DATA : UvcRc.Executed;
}

function share(uv: Ultravisor, mem: GuestMemory, a: number, len: number, set: boolean): number {
  if (!uv.secure) return UvcRc.InvalidCommand;
  if (len < SHARE_SIZE) return RC_INVALID_LENGTH;
  mem.read64(a + SHARE_PADDR);
  // Real or absolute: the architecture leaves it open, so a guest never shares a prefix page.
  const paddr = (mem.hi >>> 0) * 2 ** 32 + (mem.lo >>> 0);
  return uv.setShared(paddr, set);
}

/** Executes the UVC whose control block is at logical address a; returns the condition code. */
export function ultravisorCall(uv: Ultravisor, mem: GuestMemory, a: number): number {
  mem.check(a, HEADER_SIZE);
  const len = mem.read16(a);
  const cmd = mem.read16(a + 2);
  // Every access exception the call can meet is recognised before anything is stored.
  mem.check(a, Math.max(HEADER_SIZE, Math.min(len, QUERY_SIZE)));
  let rc: number;
  switch (cmd) {
    case UvcCmd.Query:
      rc = query(uv, mem, a, len);
      break;
    case UvcCmd.SetSharedAccess:
    case UvcCmd.RemoveSharedAccess:
      rc = share(uv, mem, a, len, cmd === UvcCmd.SetSharedAccess);
      break;
    default:
      rc = UvcRc.InvalidCommand;
  }
  mem.write16(a + OFF_RC, rc);
  mem.write16(a + OFF_RRC, 0);
  return rc === UvcRc.Executed ? 0 : 1;
}
