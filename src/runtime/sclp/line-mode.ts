// The line-mode operator console, in EBCDIC: output arrives as Message events (0x02) holding a
// message data block (MDB) of objects, of which the message text objects (MTOs) carry one line
// each (Linux sclp_rw.c); input goes to the guest as Operator Command events (0x01) holding one
// line in nested GDS vectors (what Linux sclp_tty.c's receiver walks).
import type { SclpConsole } from './sclp.js';
import { ResponseCode, type Sccb } from './sccb.js';
import { ebcdicToLatin1, latin1ToEbcdic } from './ebcdic.js';
import {
  acceptEventBuffer,
  type ConsoleInput,
  EVENT_BUFFER_HEADER_SIZE,
  type EventSink,
  type EventSource,
  EventType,
  storeEventBufferHeader,
} from './event-buffer.js';

/** MDB header: length (including itself), type, tag 'MDB ', revision code. */
const MDB_HEADER_SIZE = 12;
/** Each MDB object starts with its length (including itself) and type. */
const MDB_OBJECT_HEADER_SIZE = 4;
const MDB_OBJECT_MTO = 0x0004;
/** MTO: object header, line-type flags (2), alarm control (1), reserved (3), then the text. */
const MTO_TEXT = 10;

const NEWLINE = Uint8Array.of(0x0a);

// GDS identifiers and keys of an operator command: an MDS message unit holding a control-point
// management services unit holding a text command, whose self-defining text message subvector
// holds the text subvector.
const GDS_ID_MDSMU = 0x1310;
const GDS_ID_CPMSU = 0x1212;
const GDS_ID_TEXTCMD = 0x1320;
const GDS_KEY_SELFDEFTEXTMSG = 0x31;
const GDS_KEY_TEXT = 0x30;
/** A GDS vector header is a 16-bit length and 16-bit identifier; a subvector's is 8-bit each. */
const GDS_VECTOR_HEADER_SIZE = 4;
const GDS_SUBVECTOR_HEADER_SIZE = 2;
const OPERATOR_COMMAND_OVERHEAD = EVENT_BUFFER_HEADER_SIZE + 3 * GDS_VECTOR_HEADER_SIZE + 2 * GDS_SUBVECTOR_HEADER_SIZE;
/** The self-defining text subvector's one-byte length bounds the line; longer input lines go to
 *  the guest as several. */
const MAX_LINE = 0xff - 2 * GDS_SUBVECTOR_HEADER_SIZE;

export class LineModeConsole implements EventSink, EventSource {
  readonly type = EventType.OperatorCommand;

  constructor(
    private readonly input: ConsoleInput,
    private readonly console: SclpConsole,
  ) {}

  /** Writes each MTO's text as one line. All objects are checked before anything is written so a
   *  malformed MDB produces no partial output. */
  write(sccb: Sccb, offset: number, length: number): ResponseCode {
    const v = sccb.view;
    const mdb = offset + EVENT_BUFFER_HEADER_SIZE;
    if (length < EVENT_BUFFER_HEADER_SIZE + MDB_HEADER_SIZE) return ResponseCode.InconsistentLengths;
    const mdbLength = v.getUint16(mdb);
    if (mdbLength < MDB_HEADER_SIZE || mdbLength > length - EVENT_BUFFER_HEADER_SIZE) {
      return ResponseCode.InconsistentLengths;
    }
    const end = mdb + mdbLength;
    const texts: Uint8Array[] = [];
    for (let object = mdb + MDB_HEADER_SIZE; object < end; object += v.getUint16(object)) {
      if (end - object < MDB_OBJECT_HEADER_SIZE) return ResponseCode.InconsistentLengths;
      const objectLength = v.getUint16(object);
      if (objectLength < MDB_OBJECT_HEADER_SIZE || objectLength > end - object) return ResponseCode.InconsistentLengths;
      if (v.getUint16(object + 2) !== MDB_OBJECT_MTO) continue;
      if (objectLength < MTO_TEXT) return ResponseCode.InconsistentLengths;
      texts.push(ebcdicToLatin1(sccb.bytes.subarray(object + MTO_TEXT, object + objectLength)));
    }
    for (const text of texts) {
      this.console.output(text);
      this.console.output(NEWLINE);
    }
    acceptEventBuffer(sccb, offset);
    return ResponseCode.NormalCompletion;
  }

  pending(): boolean {
    return this.input.hasLine(MAX_LINE);
  }

  read(sccb: Sccb, offset: number, room: number): number {
    if (room < OPERATOR_COMMAND_OVERHEAD + MAX_LINE) return 0;
    const text = latin1ToEbcdic(this.input.takeLine(MAX_LINE));
    const length = OPERATOR_COMMAND_OVERHEAD + text.length;
    storeEventBufferHeader(sccb, offset, length, this.type);
    const v = sccb.view;
    let at = offset + EVENT_BUFFER_HEADER_SIZE;
    for (const id of [GDS_ID_MDSMU, GDS_ID_CPMSU, GDS_ID_TEXTCMD]) {
      v.setUint16(at, offset + length - at);
      v.setUint16(at + 2, id);
      at += GDS_VECTOR_HEADER_SIZE;
    }
    for (const key of [GDS_KEY_SELFDEFTEXTMSG, GDS_KEY_TEXT]) {
      v.setUint8(at, offset + length - at);
      v.setUint8(at + 1, key);
      at += GDS_SUBVECTOR_HEADER_SIZE;
    }
    sccb.bytes.set(text, at);
    return length;
  }
}
