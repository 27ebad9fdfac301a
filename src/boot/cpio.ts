// A writer for the "newc" cpio format (magic 070701), the only format the Linux initramfs
// unpacker (init/initramfs.c) accepts. Owner and group are always 0 and mtime is one fixed value,
// so the same inputs give the same archive bytes.

export const NEWC_MAGIC = '070701';
export const TRAILER = 'TRAILER!!!';

const S_IFCHR = 0o020000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const S_IFMT = 0o170000;

const HEADER_SIZE = 110;
const MAX_FIELD = 0xffffffff;

export class CpioError extends Error {}

interface Entry {
  readonly mode: number;
  readonly data: Uint8Array;
  readonly rdevMajor: number;
  readonly rdevMinor: number;
}

const encoder = new TextEncoder();

/** The archive name of a path: relative (GNU cpio would otherwise extract outside its
 *  directory), no empty, "." or ".." components. */
function archiveName(path: string): string {
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.length === 0 || parts.some((p) => p === '.' || p === '..' || p.includes('\0'))) {
    throw new CpioError(`cpio: bad path ${JSON.stringify(path)}`);
  }
  return parts.join('/');
}

function checkField(what: string, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > MAX_FIELD) throw new CpioError(`cpio: ${what} ${v} does not fit the 32-bit newc field`);
}

function checkPermissions(path: string, mode: number): void {
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) {
    throw new CpioError(`cpio: ${path}: mode 0o${mode.toString(8)} is not a permission mode (0 .. 0o7777)`);
  }
}

export class CpioWriter {
  /** Insertion order is archive order; the kernel unpacker needs a directory before its entries. */
  private readonly entries = new Map<string, Entry>();
  private readonly mtime: number;

  /** mtime (seconds since the epoch) is stamped on every entry. */
  constructor(mtime = 0) {
    checkField('mtime', mtime);
    this.mtime = mtime;
  }

  /** A directory; adding one that exists with the same mode is allowed, because file() and
   *  friends create missing parents (0755) themselves. */
  dir(path: string, mode = 0o755): this {
    checkPermissions(path, mode);
    const name = archiveName(path);
    const old = this.entries.get(name);
    if (old !== undefined && old.mode === (S_IFDIR | mode)) return this;
    return this.add(name, S_IFDIR | mode);
  }

  file(path: string, data: Uint8Array, mode = 0o644): this {
    checkPermissions(path, mode);
    checkField(`size of ${path}:`, data.length);
    return this.add(archiveName(path), S_IFREG | mode, data);
  }

  /** The target is stored as is, so relative targets resolve from the link's directory. */
  symlink(path: string, target: string): this {
    if (target === '' || target.includes('\0')) throw new CpioError(`cpio: ${path}: bad symlink target ${JSON.stringify(target)}`);
    return this.add(archiveName(path), S_IFLNK | 0o777, encoder.encode(target));
  }

  charDevice(path: string, major: number, minor: number, mode = 0o600): this {
    checkPermissions(path, mode);
    checkField(`${path}: major`, major);
    checkField(`${path}: minor`, minor);
    return this.add(archiveName(path), S_IFCHR | mode, new Uint8Array(0), major, minor);
  }

  /** The archive: every entry, then the TRAILER!!! entry. Inode numbers count from 1 in order. */
  finish(): Uint8Array {
    const records: [string, Entry][] = [...this.entries, [TRAILER, { mode: 0, data: new Uint8Array(0), rdevMajor: 0, rdevMinor: 0 }]];
    const names = records.map(([name]) => encoder.encode(name));
    let total = 0;
    records.forEach(([, e], i) => {
      total += pad4(HEADER_SIZE + names[i].length + 1) + pad4(e.data.length);
    });
    const out = new Uint8Array(total);
    let at = 0;
    records.forEach(([, e], i) => {
      const trailer = i === records.length - 1;
      const fields = [
        trailer ? 0 : i + 1, // ino
        e.mode,
        0, // uid
        0, // gid
        (e.mode & S_IFMT) === S_IFDIR ? 2 : 1, // nlink 1: the unpacker treats nlink >= 2 files as hard links
        trailer ? 0 : this.mtime,
        e.data.length,
        0, // devmajor
        0, // devminor
        e.rdevMajor,
        e.rdevMinor,
        names[i].length + 1,
        0, // check: only the 070702 format has a checksum
      ];
      const header = NEWC_MAGIC + fields.map((f) => f.toString(16).padStart(8, '0')).join('');
      out.set(encoder.encode(header), at);
      out.set(names[i], at + HEADER_SIZE);
      at += pad4(HEADER_SIZE + names[i].length + 1);
      out.set(e.data, at);
      at += pad4(e.data.length);
    });
    return out;
  }

  private add(name: string, mode: number, data: Uint8Array = new Uint8Array(0), rdevMajor = 0, rdevMinor = 0): this {
    if (name === TRAILER) throw new CpioError(`cpio: ${TRAILER} is reserved for the end of the archive`);
    if (this.entries.has(name)) throw new CpioError(`cpio: /${name} is already in the archive`);
    const slash = name.lastIndexOf('/');
    if (slash > 0) {
      const parent = name.slice(0, slash);
      const p = this.entries.get(parent);
      if (p === undefined) this.dir(parent);
      else if ((p.mode & S_IFMT) !== S_IFDIR) throw new CpioError(`cpio: /${parent} is not a directory, cannot hold /${name}`);
    }
    this.entries.set(name, { mode, data, rdevMajor, rdevMinor });
    return this;
  }
}

function pad4(n: number): number {
  return Math.ceil(n / 4) * 4;
}
