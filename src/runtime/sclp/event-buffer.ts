// Event buffers: the units inside Write Event Data and Read Event Data SCCBs, their types, and the
// event masks (Write Event Mask) that say which types each side sends and receives.
import type { ResponseCode, Sccb } from './sccb.js';

/** Event-buffer header: length (u16, including the header), type, flags, two reserved bytes. */
export const EVENT_BUFFER_HEADER_SIZE = 6;
export const EVENT_BUFFER_TYPE = 2;
export const EVENT_BUFFER_FLAGS = 3;
/** Flags bit the SCLP sets in each event buffer of a Write Event Data it took. */
export const EVENT_BUFFER_ACCEPTED = 0x80;

export const enum EventType {
  /** Line-mode input: an operator command typed at the operator console. */
  OperatorCommand = 0x01,
  /** Line-mode output: a message to the operator (MDB with MTOs). */
  Message = 0x02,
  /** ASCII console data in both directions. */
  Vt220Message = 0x1a,
}

/** Event masks as 64-bit values: event type t is bit t - 1 counting from the leftmost, so masks
 *  of different byte lengths line up at their first byte. Types above 64 exist in the
 *  architecture but none that we support. */
export type EventMask = bigint;

/** Takes the event buffers of one type from Write Event Data. */
export interface EventSink {
  /** The buffer is `length` bytes at `offset` in the SCCB; sets its accepted flag if taken. */
  write(sccb: Sccb, offset: number, length: number): ResponseCode;
}

/** Makes event buffers of one type for Read Event Data. */
export interface EventSource {
  readonly type: EventType;
  pending(): boolean;
  /** Stores one event buffer at `offset` if one fits in `room` bytes; returns its length, or 0. */
  read(sccb: Sccb, offset: number, room: number): number;
}

export function eventMaskBit(type: number): EventMask {
  return 1n << BigInt(64 - type);
}

/** Reads a mask of `length` bytes; bytes beyond the eighth name types we never support. */
export function readEventMask(view: DataView, offset: number, length: number): EventMask {
  let mask = 0n;
  for (let i = 0; i < 8; i++) {
    mask = (mask << 8n) | BigInt(i < length ? view.getUint8(offset + i) : 0);
  }
  return mask;
}

export function writeEventMask(view: DataView, offset: number, length: number, mask: EventMask): void {
  for (let i = 0; i < length; i++) {
    view.setUint8(offset + i, i < 8 ? Number((mask >> BigInt(56 - 8 * i)) & 0xffn) : 0);
  }
}

const CR = 0x0d;
const LF = 0x0a;

/** Queued console input, shared by the VT220 and line-mode event sources: whichever of them the
 *  guest currently receives takes it. */
export class ConsoleInput {
  private queue = new Uint8Array(0);
  /** The last line ended in CR at the end of the queue: a following LF belongs to it. */
  private lineEndedInCr = false;

  get length(): number {
    return this.queue.length;
  }

  push(bytes: Uint8Array): void {
    const next = new Uint8Array(this.queue.length + bytes.length);
    next.set(this.queue);
    next.set(bytes, this.queue.length);
    this.queue = next;
  }

  take(max: number): Uint8Array {
    const taken = this.queue.slice(0, max);
    this.queue = this.queue.subarray(max);
    this.lineEndedInCr = false;
    return taken;
  }

  /** A complete line is queued, or one too long for a single event of `max` bytes. */
  hasLine(max: number): boolean {
    this.dropLfAfterCr();
    return this.lineEnd() >= 0 || this.queue.length >= max;
  }

  /** The next line without its terminator (CR, LF or CR LF), at most `max` bytes of it. */
  takeLine(max: number): Uint8Array {
    this.dropLfAfterCr();
    const end = this.lineEnd();
    if (end < 0 || end > max) return this.take(max);
    const line = this.queue.slice(0, end);
    const cr = this.queue[end] === CR;
    const crlf = cr && this.queue[end + 1] === LF;
    this.queue = this.queue.subarray(end + (crlf ? 2 : 1));
    // A terminal sends CR LF; its LF may arrive with the next input.
    this.lineEndedInCr = cr && !crlf && this.queue.length === 0;
    return line;
  }

  private lineEnd(): number {
    const cr = this.queue.indexOf(CR);
    const lf = this.queue.indexOf(LF);
    if (cr < 0) return lf;
    if (lf < 0) return cr;
    return Math.min(cr, lf);
  }

  private dropLfAfterCr(): void {
    if (!this.lineEndedInCr || this.queue.length === 0) return;
    if (this.queue[0] === LF) this.queue = this.queue.subarray(1);
    this.lineEndedInCr = false;
  }
}

export function storeEventBufferHeader(sccb: Sccb, offset: number, length: number, type: EventType): void {
  sccb.view.setUint16(offset, length);
  sccb.view.setUint8(offset + EVENT_BUFFER_TYPE, type);
  sccb.view.setUint8(offset + EVENT_BUFFER_FLAGS, 0);
  sccb.view.setUint16(offset + 4, 0);
}

export function acceptEventBuffer(sccb: Sccb, offset: number): void {
  const flags = offset + EVENT_BUFFER_FLAGS;
  sccb.view.setUint8(flags, sccb.view.getUint8(flags) | EVENT_BUFFER_ACCEPTED);
}
