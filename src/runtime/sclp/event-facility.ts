// The SCLP event facility: Write Event Mask, Write Event Data and Read Event Data, routing event
// buffers between the guest and the consoles by event type.
import type { SclpConsole } from './sclp.js';
import { ResponseCode, type Sccb, SCCB_HEADER_SIZE, SCCB_MAX_SIZE, VARIABLE_LENGTH_RESPONSE } from './sccb.js';
import {
  ConsoleInput,
  EVENT_BUFFER_HEADER_SIZE,
  EVENT_BUFFER_TYPE,
  type EventMask,
  eventMaskBit,
  type EventSink,
  type EventSource,
  EventType,
  readEventMask,
  writeEventMask,
} from './event-buffer.js';
import { LineModeConsole } from './line-mode.js';
import { Vt220Console } from './vt220.js';

/** Event types the SCLP accepts from the guest and can present to it: the VT220 console, and
 *  the line-mode console (messages out, operator commands in) when it is configured. Offering
 *  both makes Linux's early console print every line twice. */
function sclpMasks(lineMode: boolean): { receive: EventMask; send: EventMask } {
  const vt220 = eventMaskBit(EventType.Vt220Message);
  return lineMode
    ? { receive: vt220 | eventMaskBit(EventType.Message), send: vt220 | eventMaskBit(EventType.OperatorCommand) }
    : { receive: vt220, send: vt220 };
}

// Write Event Mask SCCB: reserved halfword, mask length, then four masks of that length: the
// guest's (control program's) receive and send masks, then the SCLP's receive and send masks.
const MASK_LENGTH = 10;
const MASKS = 12;
/** The architecture's limit: four masks fit in one 4 KiB SCCB. */
const MAX_MASK_LENGTH = 1021;

// Read Event Data function codes.
const UNCONDITIONAL_READ = 0x00;
const SELECTIVE_READ = 0x01;
/** Read Event Data: the selection mask of a selective read, in the last mask length. */
const SELECTION_MASK = 8;

export class EventFacility {
  /** Event types the guest wants to receive (set by Write Event Mask). */
  private cpReceiveMask: EventMask = 0n;
  /** Event types the guest will send. */
  private cpSendMask: EventMask = 0n;
  private maskLength = 4;
  private readonly input = new ConsoleInput();
  private readonly vt220: Vt220Console;
  private readonly lineMode: LineModeConsole;

  private readonly masks: { receive: EventMask; send: EventMask };

  constructor(console: SclpConsole, lineMode: boolean) {
    this.masks = sclpMasks(lineMode);
    this.vt220 = new Vt220Console(this.input, console);
    this.lineMode = new LineModeConsole(this.input, console);
  }

  /** True when Read Event Data would store an event buffer. */
  get eventPending(): boolean {
    return this.inputSource()?.pending() ?? false;
  }

  queueInput(bytes: Uint8Array): void {
    this.input.push(bytes);
  }

  /** Subsystem reset: the guest must register its masks again. */
  reset(): void {
    this.cpReceiveMask = 0n;
    this.cpSendMask = 0n;
    this.maskLength = 4;
  }

  writeEventMask(sccb: Sccb): void {
    if (sccb.length < MASKS) {
      sccb.responseCode = ResponseCode.InsufficientSccbLength;
      return;
    }
    const v = sccb.view;
    const length = v.getUint16(MASK_LENGTH);
    if (length === 0 || length > MAX_MASK_LENGTH) {
      sccb.responseCode = ResponseCode.InvalidMaskLength;
      return;
    }
    if (sccb.length < MASKS + 4 * length) {
      sccb.responseCode = ResponseCode.InsufficientSccbLength;
      return;
    }
    this.cpReceiveMask = readEventMask(v, MASKS, length);
    this.cpSendMask = readEventMask(v, MASKS + length, length);
    this.maskLength = length;
    writeEventMask(v, MASKS + 2 * length, length, this.masks.receive);
    writeEventMask(v, MASKS + 3 * length, length, this.masks.send);
    sccb.responseCode = ResponseCode.NormalCompletion;
  }

  writeEventData(sccb: Sccb): void {
    if (sccb.functionCode !== 0) {
      sccb.responseCode = ResponseCode.InvalidFunction;
      return;
    }
    const syntax = this.checkEventBufferLengths(sccb);
    if (syntax !== ResponseCode.NormalCompletion) {
      sccb.responseCode = syntax;
      return;
    }
    let rc = ResponseCode.NormalCompletion;
    for (let offset = SCCB_HEADER_SIZE; offset < sccb.length; ) {
      const length = sccb.view.getUint16(offset);
      // After a failure the remaining buffers stay unaccepted (their accepted flag is left clear).
      if (rc === ResponseCode.NormalCompletion) {
        const sink = this.sink(sccb.view.getUint8(offset + EVENT_BUFFER_TYPE));
        rc = sink === null ? ResponseCode.InvalidFunction : sink.write(sccb, offset, length);
      }
      offset += length;
    }
    sccb.responseCode = rc;
  }

  readEventData(sccb: Sccb): void {
    // Linux always reads into a whole page, and QEMU insists on it.
    if (sccb.length !== SCCB_MAX_SIZE) {
      sccb.responseCode = ResponseCode.InsufficientSccbLength;
      return;
    }
    let selection: EventMask;
    switch (sccb.functionCode) {
      case UNCONDITIONAL_READ:
        selection = this.cpReceiveMask;
        break;
      case SELECTIVE_READ:
        selection = readEventMask(sccb.view, SELECTION_MASK, this.maskLength);
        if (this.cpReceiveMask === 0n || (selection & ~this.cpReceiveMask) !== 0n) {
          sccb.responseCode = ResponseCode.InvalidSelectionMask;
          return;
        }
        break;
      default:
        sccb.responseCode = ResponseCode.InvalidFunction;
        return;
    }
    let offset = SCCB_HEADER_SIZE;
    const source = this.inputSource();
    if (source !== null && (selection & eventMaskBit(source.type)) !== 0n) {
      while (source.pending()) {
        const stored = source.read(sccb, offset, SCCB_MAX_SIZE - offset);
        if (stored === 0) break;
        offset += stored;
      }
    }
    if ((sccb.controlMask2 & VARIABLE_LENGTH_RESPONSE) !== 0) {
      sccb.controlMask2 &= ~VARIABLE_LENGTH_RESPONSE;
      sccb.length = offset;
    }
    sccb.responseCode = offset > SCCB_HEADER_SIZE ? ResponseCode.NormalCompletion : ResponseCode.NoEventBuffersStored;
  }

  /** Every event buffer must be at least a header long and the buffers must fill the SCCB
   *  exactly; checked before any buffer is acted on. */
  private checkEventBufferLengths(sccb: Sccb): ResponseCode {
    let offset = SCCB_HEADER_SIZE;
    while (offset < sccb.length) {
      if (sccb.length - offset < EVENT_BUFFER_HEADER_SIZE) return ResponseCode.EventBufferSyntaxError;
      const length = sccb.view.getUint16(offset);
      if (length < EVENT_BUFFER_HEADER_SIZE || length > sccb.length - offset) {
        return ResponseCode.EventBufferSyntaxError;
      }
      offset += length;
    }
    return ResponseCode.NormalCompletion;
  }

  /** The console for an event type the guest sends, if it said it would send it. */
  private sink(type: number): EventSink | null {
    if ((this.cpSendMask & eventMaskBit(type)) === 0n) return null;
    if (type === EventType.Vt220Message) return this.vt220;
    if (type === EventType.Message) return this.lineMode;
    return null;
  }

  /** Input goes to the VT220 console when the guest receives it, otherwise to the line-mode
   *  console: one keyboard feeds whichever console the guest listens on. */
  private inputSource(): EventSource | null {
    if ((this.cpReceiveMask & eventMaskBit(EventType.Vt220Message)) !== 0n) return this.vt220;
    if ((this.cpReceiveMask & eventMaskBit(EventType.OperatorCommand)) !== 0n) return this.lineMode;
    return null;
  }
}
