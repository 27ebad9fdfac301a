// The service-call logical processor behind SERVICE CALL (B220). Requests complete at once: the
// SCCB is updated before serviceCall returns, and the service-signal external interruption that
// tells the guest so is left pending for the machine to deliver.
import { Pic, ProgramException } from '../interruption.js';
import { EventFacility } from './event-facility.js';
import { readCpuInfo, readScpInfo } from './read-info.js';
import { Command, COMMAND_CODE_MASK, ResponseCode, Sccb, SCCB_HEADER_SIZE, SCCB_MAX_SIZE } from './sccb.js';

export interface SclpConfig {
  /** Main storage size (multiple of 1 MiB). */
  readonly memoryBytes: number;
  /** CPUs in the configuration, addresses 0 .. cpus - 1. */
  readonly cpus: number;
  /** The most CPUs the configuration can have (Read SCP Info's highest CPU address + 1);
   *  defaults to cpus. */
  readonly maxCpus?: number;
  readonly loadParm?: string;
  /** Offer the line-mode console (message and operator-command events) besides the VT220. */
  readonly lineMode?: boolean;
}

export interface SclpConsole {
  /** Bytes the guest wrote to the console (VT220 event or line-mode message), in order. */
  output(bytes: Uint8Array): void;
}

/** Service-signal parameter bit: event buffers are pending, the guest should Read Event Data. */
export const SERVICE_SIGNAL_EVENT_PENDING = 1;

/** The SCCB may not lie in the first 8 KiB of real storage nor in the prefix area, which hold
 *  the lowcore, and must be a doubleword below 2 GiB. */
const LOWCORE_MASK = ~0x1fff;
const SCCB_ADDRESS_LIMIT = 0x80000000;

/** How the SCLP reaches guest storage: only ever the SCCB its SERVICE CALL names. Storage for
 *  an ordinary machine; the Ultravisor's SIDA (src/uv/host-access.ts) on a PV-capable one. */
export interface SccbMemory {
  /** Addressing exception unless a .. a + len - 1 exists. */
  check(a: number, len: number): void;
  read16(a: number): number;
  readBytes(a: number, len: number): Uint8Array;
  writeBytes(a: number, bytes: Uint8Array): void;
}

const enum Cc {
  Accepted = 0,
  Busy = 2,
}

export class Sclp {
  private readonly events: EventFacility;
  private readonly commands: ReadonlyMap<number, (sccb: Sccb) => void>;
  /** Parameter of the pending service signal, null if none. */
  private param: number | null = null;

  constructor(
    private readonly storage: SccbMemory,
    config: SclpConfig,
    console: SclpConsole,
  ) {
    const events = new EventFacility(console, config.lineMode === true);
    this.events = events;
    this.commands = new Map<number, (sccb: Sccb) => void>([
      [Command.ReadScpInfo, (s) => readScpInfo(s, config)],
      [Command.ReadScpInfoForced, (s) => readScpInfo(s, config)],
      [Command.ReadCpuInfo, (s) => readCpuInfo(s, config)],
      [Command.WriteEventMask, (s) => events.writeEventMask(s)],
      [Command.WriteEventData, (s) => events.writeEventData(s)],
      [Command.ReadEventData, (s) => events.readEventData(s)],
    ]);
  }

  /** SERVICE CALL. `command` is R1 bits 32-63, `sccb` the absolute SCCB address; `prefix` the
   *  issuing CPU's prefix, so an SCCB in its prefix area is refused like one in absolute page
   *  0-1 (together these are exactly the real addresses 0-8 KiB and the prefix area). Returns
   *  cc 0 (accepted, a service signal is pending) or 2 (busy: the previous request's service
   *  signal has not been taken). This SCLP is always operational, so never cc 3. */
  serviceCall(command: number, sccb: number, prefix = 0): number {
    const page = sccb & LOWCORE_MASK;
    if (sccb % 8 !== 0 || sccb >= SCCB_ADDRESS_LIMIT || page === 0 || page === prefix) {
      throw new ProgramException(Pic.Specification);
    }
    this.storage.check(sccb, SCCB_HEADER_SIZE);
    const length = this.storage.read16(sccb);
    if (length < SCCB_HEADER_SIZE) throw new ProgramException(Pic.Specification);
    this.storage.check(sccb, length);
    if (this.param !== null && (this.param & ~SERVICE_SIGNAL_EVENT_PENDING) !== 0) return Cc.Busy;

    const execute = this.commands.get((command & COMMAND_CODE_MASK) >>> 0);
    const crosses = (sccb % SCCB_MAX_SIZE) + length > SCCB_MAX_SIZE;
    if (execute === undefined || crosses) {
      // Only the response code changes, so only the header goes back (a secure guest's SIDA
      // holds one page: an SCCB crossing pages could not be copied in whole).
      const header = new Sccb(this.storage.readBytes(sccb, SCCB_HEADER_SIZE));
      header.responseCode = execute === undefined ? ResponseCode.InvalidCommand : ResponseCode.SccbBoundaryViolation;
      this.storage.writeBytes(sccb, header.bytes);
    } else {
      const work = new Sccb(this.storage.readBytes(sccb, length));
      execute(work);
      this.storage.writeBytes(sccb, work.bytes);
    }
    // The completion carries any event-pending signal that was waiting: they are one interruption.
    this.param = sccb | (this.events.eventPending ? SERVICE_SIGNAL_EVENT_PENDING : 0);
    return Cc.Accepted;
  }

  /** The service-signal parameter (SCCB address of the completed request, or 0; plus
   *  SERVICE_SIGNAL_EVENT_PENDING when event buffers wait to be read), clearing it; null if no
   *  service signal is pending. */
  takeServiceSignal(): number | null {
    const param = this.param;
    this.param = null;
    return param;
  }

  /** Console input from the user. Queued; signalled to the guest once it receives console
   *  events. */
  input(bytes: Uint8Array): void {
    this.events.queueInput(bytes);
    if (this.events.eventPending) this.param = (this.param ?? 0) | SERVICE_SIGNAL_EVENT_PENDING;
  }

  get signalPending(): boolean {
    return this.param !== null;
  }

  /** Subsystem reset (as on IPL): forgets the guest's event masks and any pending signal. Queued
   *  input stays for the next guest. */
  reset(): void {
    this.events.reset();
    this.param = null;
  }
}
