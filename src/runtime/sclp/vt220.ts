// The VT220 console (event type 0x1a): raw ASCII bytes in both directions, no EBCDIC, no message
// structure. Linux's sclp_vt220.c uses it for /dev/ttysclp0 and, on KVM-like machines, as the
// console.
import type { SclpConsole } from './sclp.js';
import { ResponseCode, type Sccb } from './sccb.js';
import {
  acceptEventBuffer,
  type ConsoleInput,
  EVENT_BUFFER_HEADER_SIZE,
  type EventSink,
  type EventSource,
  EventType,
  storeEventBufferHeader,
} from './event-buffer.js';

const SESSION_DATA = 0x00;

export class Vt220Console implements EventSink, EventSource {
  readonly type = EventType.Vt220Message;

  constructor(
    private readonly input: ConsoleInput,
    private readonly console: SclpConsole,
  ) {}

  write(sccb: Sccb, offset: number, length: number): ResponseCode {
    this.console.output(sccb.bytes.slice(offset + EVENT_BUFFER_HEADER_SIZE, offset + length));
    acceptEventBuffer(sccb, offset);
    return ResponseCode.NormalCompletion;
  }

  pending(): boolean {
    return this.input.length > 0;
  }

  /** Input starts with a session byte; Linux's sclp_vt220.c passes on only session-data events
   *  and ignores session started/ended ones. */
  read(sccb: Sccb, offset: number, room: number): number {
    const dataOffset = EVENT_BUFFER_HEADER_SIZE + 1;
    if (room <= dataOffset) return 0;
    const data = this.input.take(room - dataOffset);
    const length = dataOffset + data.length;
    storeEventBufferHeader(sccb, offset, length, this.type);
    sccb.view.setUint8(offset + EVENT_BUFFER_HEADER_SIZE, SESSION_DATA);
    sccb.bytes.set(data, offset + dataOffset);
    return length;
  }
}
