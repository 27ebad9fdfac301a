/**
 * `pvimg create`: pack a kernel, optional initrd and command line into a Secure Execution
 * image for one or more host keys (PV-SPEC §4, §5, §8). The layout follows C genprotimg
 * (components kernel, parmline, initrd, stage3b; tweak types 0..3), with the SE header at
 * 0x14000 or later so that tools scanning from there (pvextract-hdr) find it:
 *
 *   0x0      short IPL PSW -> 0x10000
 *   0x10000  stage3a (its last 24 bytes: stage3a_args, offsets relative to themselves)
 *   H-0x1000 PV IPIB (one page)
 *   H        SE header, H = max(page after stage3a + IPIB, 0x14000)
 *   ...      components, each page aligned, in IPIB order
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { DigestAccumulator, encryptPage, pageTweak } from './component.js';
import { SeError } from './errors.js';
import { PAGE_SIZE, encodePvIpib, pageAlign, type PvComponent } from './ipib.js';
import { sealSeHeader } from './se-header-crypto.js';
import { GCM_IV_SIZE, GCM_TAG_SIZE, HEADER_KEY_SIZE, PCF, PCF_DEFAULT, SECRET_FIXED_SIZE, XTS_KEY_SIZE, aadSize } from './se-header.js';
import { STAGE3A, STAGE3B } from './stage3/blobs.js';

export const STAGE3A_ADDR = 0x10000;
/** Where pvextract-hdr starts looking for the header; never place it lower. */
export const MIN_SE_HEADER_ADDR = 0x14000;
/** Short (ESA/390-format) PSW: bit 12 marks it short, EA and BA set, address follows. */
const SHORT_PSW_MASK = 0x0008000180000000n;
/** 64-bit addressing, DAT off, all interrupts disabled: how stage3b and the kernel start. */
export const START_PSW_MASK = 0x0000000180000000n;
const KERNEL_ENTRY = 0x10000n;
const KERNEL_SKIP = 0x10000;
/** The kernel's parmarea: max_command_line_size, 0 meaning the historical 896. */
const KERNEL_MAX_CMDLINE_AT = 0x10430;
const LEGACY_COMMAND_LINE_SIZE = 896;
const STAGE3A_ARGS_SIZE = 24;
const STAGE3B_ARGS_SIZE = 64;

/** Tweak-prefix types, C genprotimg's PvComponentType. */
const COMPONENT_TYPE = { kernel: 0n, parmline: 1n, initrd: 2n, stage3b: 3n } as const;

export interface PvImageInput {
  hostKeys: KeyObject[];
  kernel: Buffer;
  initrd?: Buffer;
  /** The parmfile's bytes; a NUL is appended as the kernel expects. */
  parmfile?: Buffer;
  pcf?: bigint;
  scf?: bigint;
  componentEncryption?: boolean;
}

function maxCommandLine(kernel: Buffer): number {
  if (kernel.length < KERNEL_MAX_CMDLINE_AT + 8) return LEGACY_COMMAND_LINE_SIZE;
  const declared = kernel.readBigUInt64BE(KERNEL_MAX_CMDLINE_AT);
  return declared === 0n || declared > 0x100000n ? LEGACY_COMMAND_LINE_SIZE : Number(declared);
}

function parmline(kernel: Buffer, parmfile: Buffer): Buffer {
  if (parmfile.includes(0)) throw new SeError('image-layout', 'parmfile contains a NUL byte');
  const line = Buffer.concat([parmfile, Buffer.from([0])]);
  const max = maxCommandLine(kernel);
  if (line.length > max) throw new SeError('image-layout', `command line is ${line.length} bytes with its NUL; the kernel accepts ${max}`);
  return line;
}

function tweakPrefix(type: bigint): bigint {
  return (type << 48n) | BigInt(randomBytes(6).readUIntBE(0, 6));
}

function xtsKey(): Buffer {
  for (;;) {
    const key = randomBytes(XTS_KEY_SIZE);
    if (!key.subarray(0, 32).equals(key.subarray(32))) return key;
  }
}

interface Placed {
  comp: PvComponent;
  plain: Buffer;
}

export function buildPvImage(input: PvImageInput): Buffer {
  if (input.hostKeys.length === 0) throw new SeError('host-key-document', 'at least one host-key document (-k) is needed');
  if (input.kernel.length < KERNEL_SKIP) throw new SeError('image-layout', `kernel image is ${input.kernel.length} bytes, shorter than 64 KiB`);
  const pcf = input.pcf ?? PCF_DEFAULT;
  const encrypt = input.componentEncryption ?? (pcf & PCF.noComponentEncryption) === 0n;
  const effectivePcf = encrypt ? pcf & ~PCF.noComponentEncryption : pcf | PCF.noComponentEncryption;

  const ipibAddr = Math.max(pageAlign(STAGE3A_ADDR + STAGE3A.length), MIN_SE_HEADER_ADDR - PAGE_SIZE);
  const hdrAddr = ipibAddr + PAGE_SIZE;
  const phs = aadSize(input.hostKeys.length) + SECRET_FIXED_SIZE + GCM_TAG_SIZE;
  let next = hdrAddr + pageAlign(phs);
  const place = (type: bigint, plain: Buffer): Placed => {
    const comp = { tweakPrefix: tweakPrefix(type), addr: next, len: pageAlign(Math.max(plain.length, 1)) };
    next += comp.len;
    return { comp, plain };
  };

  const kernel = place(COMPONENT_TYPE.kernel, input.kernel);
  const cmdline = input.parmfile === undefined ? undefined : place(COMPONENT_TYPE.parmline, parmline(input.kernel, input.parmfile));
  const initrd = input.initrd === undefined ? undefined : place(COMPONENT_TYPE.initrd, input.initrd);
  const stage3b = Buffer.from(STAGE3B);
  const args = stage3b.length - STAGE3B_ARGS_SIZE;
  const pair = (at: number, placed: Placed | undefined): void => {
    stage3b.writeBigUInt64BE(BigInt(placed?.comp.addr ?? 0), args + at);
    stage3b.writeBigUInt64BE(BigInt(placed?.plain.length ?? 0), args + at + 8);
  };
  pair(0x00, kernel);
  pair(0x10, cmdline);
  pair(0x20, initrd);
  stage3b.writeBigUInt64BE(START_PSW_MASK, args + 0x30);
  stage3b.writeBigUInt64BE(KERNEL_ENTRY, args + 0x38);
  const loader = place(COMPONENT_TYPE.stage3b, stage3b);
  const placed = [kernel, cmdline, initrd, loader].filter((p): p is Placed => p !== undefined);

  const image = Buffer.alloc(next);
  image.writeBigUInt64BE(SHORT_PSW_MASK | BigInt(STAGE3A_ADDR), 0);
  const stage3a = Buffer.from(STAGE3A);
  const stage3aArgs = STAGE3A_ADDR + stage3a.length - STAGE3A_ARGS_SIZE;
  stage3a.writeBigInt64BE(BigInt(hdrAddr - stage3aArgs), stage3a.length - STAGE3A_ARGS_SIZE);
  stage3a.writeBigUInt64BE(BigInt(phs), stage3a.length - STAGE3A_ARGS_SIZE + 8);
  stage3a.writeBigInt64BE(BigInt(ipibAddr - stage3aArgs), stage3a.length - STAGE3A_ARGS_SIZE + 16);
  stage3a.copy(image, STAGE3A_ADDR);

  const key = xtsKey();
  const digests = new DigestAccumulator();
  for (const { comp, plain } of placed) {
    for (let offset = 0; offset < comp.len; offset += PAGE_SIZE) {
      // Zero padding is part of the last page, so it decrypts to zeros.
      const page = Buffer.alloc(PAGE_SIZE);
      plain.copy(page, 0, offset, Math.min(offset + PAGE_SIZE, plain.length));
      const tweak = pageTweak(comp.tweakPrefix, offset);
      const stored = encrypt ? encryptPage(key, tweak, page) : page;
      stored.copy(image, comp.addr + offset);
      digests.add(stored, comp.addr + offset, tweak);
    }
  }
  const measured = digests.finish();
  const header = sealSeHeader({
    hostKeys: input.hostKeys,
    headerKey: randomBytes(HEADER_KEY_SIZE),
    iv: randomBytes(GCM_IV_SIZE),
    nep: measured.nep,
    pcf: effectivePcf,
    pld: measured.pld,
    ald: measured.ald,
    tld: measured.tld,
    secret: {
      cck: randomBytes(32),
      xtsKey: key,
      psw: { mask: START_PSW_MASK, addr: BigInt(loader.comp.addr) },
      scf: input.scf ?? 0n,
      noi: 0,
    },
  });
  if (header.length !== phs) throw new Error(`SE header came out ${header.length} bytes, expected ${phs}`);
  header.copy(image, hdrAddr);
  encodePvIpib({ hdrAddr, hdrSize: phs, components: placed.map((p) => p.comp) }).copy(image, ipibAddr);
  return image;
}
