// The initial process stack as Linux builds it for an s390x ELF (fs/binfmt_elf.c create_elf_tables):
// from the top: the strings (argv, envp, AT_EXECFN, AT_PLATFORM) and the AT_RANDOM bytes, then,
// 16-byte aligned, argc, argv[], NULL, envp[], NULL, auxv pairs ending in AT_NULL. r15 points at
// argc when the program starts (glibc's _start reads argc at 0(%r15) and argv at 8(%r15)).

export const AT_NULL = 0;
export const AT_PHDR = 3;
export const AT_PHENT = 4;
export const AT_PHNUM = 5;
export const AT_PAGESZ = 6;
export const AT_BASE = 7;
export const AT_FLAGS = 8;
export const AT_ENTRY = 9;
export const AT_UID = 11;
export const AT_EUID = 12;
export const AT_GID = 13;
export const AT_EGID = 14;
export const AT_PLATFORM = 15;
export const AT_HWCAP = 16;
export const AT_CLKTCK = 17;
export const AT_SECURE = 23;
export const AT_RANDOM = 25;
export const AT_HWCAP2 = 26;
export const AT_EXECFN = 31;

export interface StackInput {
  /** Highest guest address + 1 of the stack area. */
  readonly top: number;
  readonly argv: readonly string[];
  readonly envp: readonly string[];
  readonly execfn: string;
  readonly platform: string;
  /** The 16 bytes AT_RANDOM points at (stack protector and pointer guard seeds). */
  readonly random: Uint8Array;
  /** Auxiliary vector entries other than AT_RANDOM, AT_EXECFN, AT_PLATFORM and AT_NULL, which are added here. */
  readonly aux: readonly (readonly [number, number])[];
}

export interface StackImage {
  /** Initial r15: the address of argc. */
  readonly sp: number;
  /** Bytes to store at sp .. top - 1. */
  readonly bytes: Uint8Array;
  /** Addresses of the argv strings, envp strings and the auxv entries, for tests and tracing. */
  readonly argvAddrs: readonly number[];
  readonly envpAddrs: readonly number[];
  readonly auxvAddr: number;
}

const utf8 = new TextEncoder();

export function buildInitialStack(input: StackInput): StackImage {
  if (input.random.length !== 16) throw new Error('AT_RANDOM needs 16 bytes');
  // Strings and random bytes are laid down from the top; remember where each lands.
  const chunks: { at: number; b: Uint8Array }[] = [];
  let cursor = input.top - 8; // an 8-byte end marker of zeros, as Linux leaves above the strings
  const place = (b: Uint8Array): number => {
    cursor -= b.length;
    chunks.push({ at: cursor, b });
    return cursor;
  };
  const cstr = (s: string): Uint8Array => {
    const e = utf8.encode(s);
    const out = new Uint8Array(e.length + 1);
    out.set(e);
    return out;
  };
  const execfnAddr = place(cstr(input.execfn));
  const envpAddrs = input.envp.map((s) => place(cstr(s)));
  const argvAddrs = input.argv.map((s) => place(cstr(s)));
  const platformAddr = place(cstr(input.platform));
  cursor &= ~15;
  const randomAddr = place(input.random);

  const aux: [number, number][] = [
    ...input.aux.map(([k, v]) => [k, v] as [number, number]),
    [AT_RANDOM, randomAddr],
    [AT_EXECFN, execfnAddr],
    [AT_PLATFORM, platformAddr],
    [AT_NULL, 0],
  ];
  const words = 1 + argvAddrs.length + 1 + envpAddrs.length + 1 + aux.length * 2;
  const sp = (cursor - words * 8) & ~15;
  const bytes = new Uint8Array(input.top - sp);
  const view = new DataView(bytes.buffer);
  for (const c of chunks) bytes.set(c.b, c.at - sp);
  let w = 0;
  const put = (v: number): void => {
    view.setBigUint64(w, BigInt(v), false);
    w += 8;
  };
  put(input.argv.length);
  for (const a of argvAddrs) put(a);
  put(0);
  for (const e of envpAddrs) put(e);
  put(0);
  const auxvAddr = sp + w;
  for (const [k, v] of aux) {
    put(k);
    put(v);
  }
  return { sp, bytes, argvAddrs, envpAddrs, auxvAddr };
}
