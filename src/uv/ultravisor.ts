/**
 * The Ultravisor of one machine (DESIGN decision 10): the secure configuration's state, the
 * secure-page map, the PV IPIB of diag 308 subcodes 8 and 9, unpack (subcode 10), the PV
 * resets, and the guest's share calls. The machine reaches it only from diag 308, UVC and the
 * host-side accessors (host-access.ts), so a guest's ordinary instructions never pay for PV.
 */
import type { KeyObject } from 'node:crypto';
import type { Storage } from '../runtime/storage.js';
import { SeError } from './errors.js';
import { HostAccess, Sida } from './host-access.js';
import { PAGE_SIZE, parsePvIpib } from './ipib.js';
import type { Psw } from './se-header.js';
import { unpackImage, type AbsoluteStorage } from './unpack.js';

/** One byte per 4 KiB absolute page. */
export const enum PageState {
  /** No secure configuration owns it: the host may touch it. */
  NonSecure = 0,
  /** Owned by the secure configuration: only the guest (and the UV) may touch it. */
  Secure = 1,
  /** Secure, but the guest made it accessible to the host (UVC set shared access). */
  Shared = 2,
}

/** Diag 308 return codes (R1 + 1), as QEMU's ipl.h names them. */
export const enum Diag308Rc {
  Ok = 0x0001,
  NoConfig = 0x0102,
  Invalid = 0x0402,
  NoPvConfig = 0x0902,
  InvalidForPv = 0x0a02,
}

/** UVC response codes for the guest calls (PV-SPEC §11.1). */
export const enum UvcRc {
  Executed = 0x0001,
  InvalidCommand = 0x0002,
  /** Share calls: the address is not a page of guest storage. */
  InvalidAddress = 0x0101,
}

export class Ultravisor {
  /** The PV IPIB diag 308 subcode 8 accepted, kept apart from the ordinary IPIB. */
  pvIpib: Uint8Array | null = null;
  /** True between a successful unpack and leaving secure mode (diag 308 subcode 3). */
  secure = false;
  readonly pages: Uint8Array;
  /** Why the last unpack was refused, for the person at the host; null after a success. */
  refusal: SeError | null = null;
  /** Host-side access to guest storage: devices, dumps, the debugger, trace output. */
  readonly host: HostAccess;
  /** How the SCLP reaches the SCCB of a SERVICE CALL. */
  readonly sida: Sida;

  constructor(
    private readonly storage: Storage,
    private readonly hostKey: KeyObject,
  ) {
    this.pages = new Uint8Array(Math.ceil(storage.size / PAGE_SIZE));
    this.host = new HostAccess(storage, this);
    this.sida = new Sida(storage, this);
  }

  /** Diag 308 subcode 8: validate and keep the PV IPIB (QEMU's iplb_valid_pv rules). */
  setPvIpib(bytes: Uint8Array): Diag308Rc {
    try {
      parsePvIpib(bytes);
    } catch (err) {
      if (err instanceof SeError) return Diag308Rc.Invalid;
      throw err;
    }
    this.pvIpib = bytes;
    return Diag308Rc.Ok;
  }

  /**
   * Diag 308 subcode 10: SET SECURE CONFIGURATION PARAMETERS, UNPACK of every page the PV IPIB
   * names, VERIFY. On success every guest page is secure and the CPU is to start with the
   * returned PSW (the SE header's, which points at stage3b). On failure the configuration stays
   * non-secure, guest storage is untouched, and `refusal` says why.
   */
  unpack(): Psw | null {
    if (this.pvIpib === null) throw new Error('unpack without a PV IPIB');
    try {
      const result = unpackImage(this.absolute(), parsePvIpib(this.pvIpib), this.hostKey);
      this.refusal = null;
      this.secure = true;
      this.pages.fill(PageState.Secure);
      return result.secret.psw;
    } catch (err) {
      if (!(err instanceof SeError)) throw err;
      this.refusal = err;
      return null;
    }
  }

  /** Diag 308 subcodes 0 and 1 (UVC Prepare Reset + Unshare All): the guest stays secure, but
   *  nothing stays shared across the reset. */
  prepareReset(): void {
    if (!this.secure) return;
    this.pages.fill(PageState.Secure);
  }

  /** Leave secure mode (diag 308 subcode 3: "we do not provide a secure reboot"). Destroying
   *  the secure configuration clears its pages, so the host never sees the guest's plaintext. */
  destroy(): void {
    if (!this.secure) return;
    for (let page = 0; page < this.pages.length;) {
      let end = page;
      while (end < this.pages.length && this.pages[end] === PageState.Secure) end++;
      if (end > page) this.storage.fill(page * PAGE_SIZE, (end - page) * PAGE_SIZE, 0);
      page = end + 1;
    }
    this.pages.fill(PageState.NonSecure);
    this.secure = false;
  }

  /** UVC set shared access (share) or remove shared access (!share) for the page at abs. */
  setShared(abs: number, share: boolean): UvcRc {
    if (!this.secure) return UvcRc.InvalidCommand;
    if (abs % PAGE_SIZE !== 0 || abs >= this.storage.size) return UvcRc.InvalidAddress;
    this.pages[abs / PAGE_SIZE] = share ? PageState.Shared : PageState.Secure;
    return UvcRc.Executed;
  }

  /** The first page of [abs, abs + len) the host may not touch, or -1. */
  refusedPage(abs: number, len: number): number {
    if (!this.secure || len <= 0) return -1;
    const last = Math.floor((abs + len - 1) / PAGE_SIZE);
    for (let page = Math.floor(abs / PAGE_SIZE); page <= last; page++) {
      if (this.pages[page] === PageState.Secure) return page;
    }
    return -1;
  }

  /** Guest storage as the UV itself sees it: unchecked, because the UV owns secure pages. */
  private absolute(): AbsoluteStorage {
    const storage = this.storage;
    return {
      size: storage.size,
      read: (addr, length) => storage.readBytes(addr, length),
      write: (addr, data) => storage.writeBytes(addr, data),
    };
  }
}
