// The service-call control block (SCCB): command words, response codes, the header layout, and a
// private big-endian copy of one SCCB that the commands edit before it goes back to storage.

/** SCLP command words (R1 of SERVICE CALL), as Linux's drivers/s390/char and QEMU name them. */
export const enum Command {
  ReadCpuInfo = 0x00010001,
  ReadScpInfo = 0x00020001,
  ReadScpInfoForced = 0x00120001,
  WriteEventData = 0x00760005,
  ReadEventData = 0x00770005,
  WriteEventMask = 0x00780005,
}

/** Bits 16-23 of a command word carry a resource number (a CPU, a storage element); the command
 *  is the rest. */
export const COMMAND_CODE_MASK = 0xffff00ff;

/** Response codes stored in the SCCB header. */
export const enum ResponseCode {
  NormalReadCompletion = 0x0010,
  NormalCompletion = 0x0020,
  SccbBoundaryViolation = 0x0100,
  InvalidCommand = 0x01f0,
  InsufficientSccbLength = 0x0300,
  InvalidFunction = 0x40f0,
  NoEventBuffersStored = 0x60f0,
  InvalidSelectionMask = 0x70f0,
  InconsistentLengths = 0x72f0,
  EventBufferSyntaxError = 0x73f0,
  InvalidMaskLength = 0x74f0,
}

export const SCCB_HEADER_SIZE = 8;
/** An SCCB may not cross a 4 KiB boundary unless the extended-length-SCCB facility (140) is
 *  installed, and we do not install it. */
export const SCCB_MAX_SIZE = 4096;

const LENGTH = 0;
const FUNCTION_CODE = 2;
/** control_mask[2], the third control-mask byte. */
const CONTROL_MASK_2 = 5;
const RESPONSE_CODE = 6;

/** control_mask[2] bit: the SCLP may shorten the SCCB length to what it stored. */
export const VARIABLE_LENGTH_RESPONSE = 0x80;

/** A copy of one SCCB in guest byte order; the DataView accessors default to big-endian. */
export class Sccb {
  readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.view.getUint16(LENGTH);
  }

  set length(v: number) {
    this.view.setUint16(LENGTH, v);
  }

  get functionCode(): number {
    return this.view.getUint8(FUNCTION_CODE);
  }

  get controlMask2(): number {
    return this.view.getUint8(CONTROL_MASK_2);
  }

  set controlMask2(v: number) {
    this.view.setUint8(CONTROL_MASK_2, v);
  }

  set responseCode(v: number) {
    this.view.setUint16(RESPONSE_CODE, v);
  }

  /** Zeroes the body: the commands that fill in information own every byte after the header. */
  clearBody(): void {
    this.bytes.fill(0, SCCB_HEADER_SIZE);
  }
}
