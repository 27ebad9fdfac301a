/**
 * The host side's ways into guest storage once a secure configuration exists (PV-SPEC §12).
 *
 * HostAccess is the checked accessor every host-side reader and writer uses (device DMA, memory
 * dumps, the debugger, trace output): a page the guest owns and has not shared is refused, as
 * real hardware refuses it with a secure-storage-access exception.
 *
 * Sida is the SCLP's path. A secure guest does not share its SCCBs (Linux shares only swiotlb
 * and DMA-coherent buffers); on SERVICE CALL the Ultravisor copies the SCCB into the secure-
 * instruction data area and back, and the hypervisor's SCLP works on that copy (QEMU's
 * sclp_service_call_protected). The SIDA holds one page, so an access within one page is that
 * copy; anything wider is an ordinary host access and must be to shared pages. The SCLP never
 * reads or writes an SCCB that crosses a page: it answers those from the header alone.
 */
import type { Storage } from '../runtime/storage.js';
import { PAGE_SIZE } from './ipib.js';
import type { Ultravisor } from './ultravisor.js';

/** The host touched a secure page the guest has not shared. */
export class SecureStorageAccessError extends Error {
  override readonly name = 'SecureStorageAccessError';
  constructor(readonly page: number) {
    super(`host access to secure page 0x${(page * PAGE_SIZE).toString(16)} refused: the guest has not shared it`);
  }
}

export class HostAccess {
  constructor(
    protected readonly storage: Storage,
    protected readonly uv: Ultravisor,
  ) {}

  /** Addressing only: whether a .. a + len - 1 exists (an addressing exception otherwise). */
  check(a: number, len: number): void {
    this.storage.check(a, len);
  }

  read16(a: number): number {
    this.allow(a, 2);
    return this.storage.read16(a);
  }

  readBytes(a: number, len: number): Uint8Array {
    this.allow(a, len);
    return this.storage.readBytes(a, len);
  }

  writeBytes(a: number, bytes: Uint8Array): void {
    this.allow(a, bytes.length);
    this.storage.writeBytes(a, bytes);
  }

  protected allow(a: number, len: number): void {
    const page = this.uv.refusedPage(a, len);
    if (page >= 0) throw new SecureStorageAccessError(page);
  }
}

export class Sida extends HostAccess {
  protected override allow(a: number, len: number): void {
    if (Math.floor(a / PAGE_SIZE) === Math.floor((a + len - 1) / PAGE_SIZE)) return;
    super.allow(a, len);
  }
}
