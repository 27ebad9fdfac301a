// Loading a boot image into guest storage the way QEMU's `-kernel` does for s390x
// (hw/s390x/ipl.c): a raw image (Debian's vmlinuz: an IPL PSW at 0, head.S at 0x10000) is copied
// to absolute 0; an ELF64 s390x executable is loaded segment by segment at its physical
// addresses. The initrd and the kernel command line go where Linux's parmarea
// (arch/s390/include/asm/setup.h, boot/head.S) expects them. The CPU then starts at the returned
// entry in 64-bit mode, as QEMU starts it, without going through the IPL PSW.
import type { Storage } from '../runtime/storage.js';

/** Linux's head.S entry and the magic that marks a Linux image (EP_OFFSET, EP_STRING). */
export const STARTUP_NORMAL_OFFSET = 0x10000;
export const EP_OFFSET = 0x10008;
export const EP_STRING = 'S390EP';

/** struct parmarea fields, 64-bit big-endian unless noted. */
export const PARMAREA = 0x10400;
export const INITRD_START_OFFSET = 0x10408;
export const INITRD_SIZE_OFFSET = 0x10410;
/** Holds COMMAND_LINE_SIZE since Linux 5.3; 0 in older kernels, which take LEGACY_COMMAND_LINE_SIZE. */
export const MAX_COMMAND_LINE_SIZE_OFFSET = 0x10430;
/** The NUL-terminated command line (char array). */
export const COMMAND_LINE_OFFSET = 0x10480;
export const LEGACY_COMMAND_LINE_SIZE = 896;

/** QEMU puts the initrd at 8 MiB, or on the first 1 MiB boundary at least 1 MiB past the image. */
export const INITRD_START = 0x800000;
export const INITRD_ALIGN = 0x100000;

/** PSW bits 0-31 and 32-63 at the start: only EA and BA (64-bit addressing), everything else off. */
export const PSW_MASK_64: readonly [number, number] = [0x00000001, 0x80000000];

/** A short IPL PSW: bit 12 one; bits 0, 2-4 and 24-30 zero; bit 31 (EA) may be one, as in the
 *  IPL PSW of every Secure Execution image (PoP, PSW format). */
const SHORT_PSW_ONE = 0x00080000;
const SHORT_PSW_ZEROS = 0xb80000fe;
const SHORT_PSW_ADDRESS = 0x7fffffff;

const EM_S390 = 22;
const ET_EXEC = 2;
const PT_LOAD = 1;
const ELF_HEADER_SIZE = 64;
const ELF_PHDR_SIZE = 56;

export class BootImageError extends Error {}

export interface BootImage {
  /** 'linux': a raw image copied to 0 (Linux when it has the S390EP magic); 'elf': an ELF executable. */
  readonly kind: 'linux' | 'elf';
  readonly entry: number;
  readonly pswMask: readonly [number, number];
  readonly initrd?: { readonly start: number; readonly size: number };
}

export interface BootOptions {
  readonly initrd?: Uint8Array;
  /** Written for a Linux image even when not given (as "", replacing the built-in one, as QEMU
   *  does); for other images only when given. */
  readonly commandLine?: string;
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

function isElf(image: Uint8Array): boolean {
  return image.length >= 4 && image[0] === 0x7f && image[1] === 0x45 && image[2] === 0x4c && image[3] === 0x46;
}

function hasLinuxMagic(image: Uint8Array): boolean {
  if (image.length < EP_OFFSET + EP_STRING.length) return false;
  return [...EP_STRING].every((c, i) => image[EP_OFFSET + i] === c.charCodeAt(0));
}

/** Loads image (and the initrd and command line) into storage, which must be zeroed. */
export function loadBootImage(storage: Storage, image: Uint8Array, opts: BootOptions = {}): BootImage {
  const loaded = isElf(image) ? loadElf(storage, image) : loadRaw(storage, image);
  const linux = loaded.kind === 'linux' && hasLinuxMagic(image);
  if (opts.commandLine !== undefined || linux) writeCommandLine(storage, opts.commandLine ?? '');
  const initrd = opts.initrd === undefined ? undefined : placeInitrd(storage, opts.initrd, loaded.end);
  return { kind: loaded.kind, entry: loaded.entry, pswMask: PSW_MASK_64, ...(initrd && { initrd }) };
}

interface Loaded {
  readonly kind: 'linux' | 'elf';
  readonly entry: number;
  /** One past the highest byte the image occupies. */
  readonly end: number;
}

function loadRaw(storage: Storage, image: Uint8Array): Loaded {
  let entry = STARTUP_NORMAL_OFFSET;
  if (!hasLinuxMagic(image)) {
    const psw = image.length >= 8 ? new DataView(image.buffer, image.byteOffset, 8).getUint32(0, false) : 0;
    if (image.length < 8 || (psw & SHORT_PSW_ZEROS) !== 0 || (psw & SHORT_PSW_ONE) === 0) {
      throw new BootImageError(`not an ELF file or an s390 Linux image: no ${EP_STRING} magic at ${hex(EP_OFFSET)} and no IPL PSW at 0`);
    }
    entry = new DataView(image.buffer, image.byteOffset, 8).getUint32(4, false) & SHORT_PSW_ADDRESS;
  }
  if (image.length > storage.size) {
    throw new BootImageError(`kernel image is ${image.length} bytes, more than the ${storage.size} bytes of guest storage`);
  }
  storage.writeBytes(0, image);
  return { kind: 'linux', entry, end: image.length };
}

/** A 64-bit ELF field as a number; anything past 2^53 cannot be a guest address here anyway. */
function u64(v: DataView, off: number, what: string): number {
  const n = v.getBigUint64(off, false);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new BootImageError(`ELF ${what} ${hex(Number(n))} is out of range`);
  return Number(n);
}

function loadElf(storage: Storage, image: Uint8Array): Loaded {
  if (image.length < ELF_HEADER_SIZE) throw new BootImageError(`truncated ELF: ${image.length} bytes, shorter than the 64-byte ELF64 header`);
  const v = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const machine = v.getUint16(18, false);
  if (image[4] !== 2 || image[5] !== 2 || machine !== EM_S390) {
    throw new BootImageError(`not an s390x ELF (ELFCLASS64, big-endian, EM_S390): class ${image[4]}, data ${image[5]}, machine ${image[5] === 2 ? machine : v.getUint16(18, true)}`);
  }
  const type = v.getUint16(16, false);
  if (type !== ET_EXEC) throw new BootImageError(`ELF type ${type} is not an executable (ET_EXEC)`);
  const entry = u64(v, 24, 'entry');
  const phoff = u64(v, 32, 'program header offset');
  const phentsize = v.getUint16(54, false);
  const phnum = v.getUint16(56, false);
  if (phentsize < ELF_PHDR_SIZE) throw new BootImageError(`ELF program header size ${phentsize} is below ${ELF_PHDR_SIZE}`);
  if (phoff + phentsize * phnum > image.length) {
    throw new BootImageError(`truncated ELF: ${phnum} program headers at ${hex(phoff)} end past the file's ${image.length} bytes`);
  }
  let end = 0;
  let loads = 0;
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phentsize;
    if (v.getUint32(o, false) !== PT_LOAD) continue;
    const offset = u64(v, o + 8, 'segment offset');
    const vaddr = u64(v, o + 16, 'segment address');
    // A p_paddr of 0 beside a nonzero p_vaddr is one the linker left unset.
    const paddr = u64(v, o + 24, 'segment address') || vaddr;
    const filesz = u64(v, o + 32, 'segment size');
    const memsz = u64(v, o + 40, 'segment size');
    if (offset + filesz > image.length) {
      throw new BootImageError(`truncated ELF: segment ${i} needs file bytes ${hex(offset)}..${hex(offset + filesz)} of ${hex(image.length)}`);
    }
    if (filesz > memsz) throw new BootImageError(`ELF segment ${i} has more file bytes (${filesz}) than memory bytes (${memsz})`);
    if (paddr + memsz > storage.size) {
      throw new BootImageError(`ELF segment ${i} at ${hex(paddr)} (${memsz} bytes) ends past the ${storage.size} bytes of guest storage`);
    }
    storage.writeBytes(paddr, image.subarray(offset, offset + filesz));
    storage.fill(paddr + filesz, memsz - filesz, 0);
    end = Math.max(end, paddr + memsz);
    loads++;
  }
  if (loads === 0) throw new BootImageError('ELF has no PT_LOAD segment to load');
  if (entry >= storage.size) throw new BootImageError(`ELF entry ${hex(entry)} is outside the ${storage.size} bytes of guest storage`);
  return { kind: 'elf', entry, end };
}

/** The limit the loaded kernel announces in its parmarea, NUL included. */
function maxCommandLineSize(storage: Storage): number {
  if (storage.size < MAX_COMMAND_LINE_SIZE_OFFSET + 8) return LEGACY_COMMAND_LINE_SIZE;
  storage.read64(MAX_COMMAND_LINE_SIZE_OFFSET);
  const size = (storage.hi >>> 0) * 2 ** 32 + (storage.lo >>> 0);
  return size === 0 ? LEGACY_COMMAND_LINE_SIZE : size;
}

function writeCommandLine(storage: Storage, commandLine: string): void {
  const bytes = new TextEncoder().encode(`${commandLine}\0`);
  if (bytes.indexOf(0) !== bytes.length - 1) throw new BootImageError('command line contains a NUL byte');
  const max = maxCommandLineSize(storage);
  if (bytes.length > max) {
    throw new BootImageError(`command line too long: ${bytes.length} bytes with its NUL, the kernel takes at most ${max}`);
  }
  if (COMMAND_LINE_OFFSET + bytes.length > storage.size) {
    throw new BootImageError(`command line at ${hex(COMMAND_LINE_OFFSET)} does not fit in ${storage.size} bytes of guest storage`);
  }
  storage.writeBytes(COMMAND_LINE_OFFSET, bytes);
}

function placeInitrd(storage: Storage, initrd: Uint8Array, imageEnd: number): { start: number; size: number } {
  let start = INITRD_START;
  while (imageEnd + INITRD_ALIGN > start) start += INITRD_ALIGN;
  if (start + initrd.length > storage.size) {
    throw new BootImageError(
      `initrd does not fit: ${initrd.length} bytes at ${hex(start)} end past the ${storage.size} bytes of guest storage`,
    );
  }
  storage.writeBytes(start, initrd);
  storage.write64(INITRD_START_OFFSET, Math.floor(start / 2 ** 32), start | 0);
  storage.write64(INITRD_SIZE_OFFSET, Math.floor(initrd.length / 2 ** 32), initrd.length | 0);
  return { start, size: initrd.length };
}
