// The default initramfs: Debian's busybox-static and an /init that either runs one command and
// powers off, or gives an interactive shell on the console.
//
// Applets: the archive holds symlinks for a fixed list (what /init itself and the tests use, and
// the everyday tools), so the archive is the same whatever the emulator can run today and the
// build needs nothing but the busybox bytes. /init then runs `busybox --install -s`, which links
// every applet this busybox was built with into /bin, /sbin, /usr/bin and /usr/sbin (existing
// links are kept). This Debian busybox also runs applets from sh without any link (its
// FEATURE_PREFER_APPLETS), so links matter only to programs that exec by path.
import { CpioWriter } from './cpio.js';

/** The line /init prints once proc, sysfs and devtmpfs are mounted. */
export const INIT_MARKER = 's390x-wasm: /init reached';
/** Followed by the decimal exit status of the command, then a newline. */
export const EXIT_STATUS_PREFIX = 's390x-wasm: command exit status ';
/** When present, /init runs its contents with sh -c instead of starting a shell. */
export const COMMAND_FILE = '/etc/s390x-wasm/command';
export const BUSYBOX_PATH = '/bin/busybox';

/** Applets linked into /bin in the archive itself (see the file comment). */
export const APPLETS: readonly string[] = [
  '[', 'ash', 'awk', 'basename', 'cat', 'chmod', 'chown', 'cmp', 'cp', 'cttyhack', 'cut', 'date', 'dd',
  'df', 'diff', 'dirname', 'dmesg', 'du', 'echo', 'env', 'expr', 'false', 'find', 'free', 'grep', 'gunzip',
  'gzip', 'halt', 'head', 'hexdump', 'hostname', 'id', 'kill', 'ln', 'ls', 'md5sum', 'mkdir', 'mknod',
  'mount', 'mv', 'od', 'poweroff', 'printf', 'ps', 'pwd', 'readlink', 'reboot', 'rm', 'rmdir', 'sed', 'seq',
  'setsid', 'sh', 'sha1sum', 'sha256sum', 'sleep', 'sort', 'stat', 'stty', 'sync', 'tail', 'tar', 'tee',
  'test', 'time', 'top', 'touch', 'tr', 'true', 'tty', 'umount', 'uname', 'uniq', 'uptime', 'vi', 'wc',
  'xargs', 'xxd', 'yes', 'zcat',
];

/** Linux's character device numbers for /dev/console (Documentation/admin-guide/devices.txt). */
export const CONSOLE_MAJOR = 5;
export const CONSOLE_MINOR = 1;

/** Every path ends in poweroff -f because the kernel panics when init exits. The marker comes
 *  before --install so that a failing install cannot hide that /init ran. */
export const INIT_SCRIPT = `#!/bin/sh
export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/root
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
echo '${INIT_MARKER}'
busybox --install -s
if [ -f ${COMMAND_FILE} ]; then
  sh -c "$(cat ${COMMAND_FILE})"
  echo "${EXIT_STATUS_PREFIX}$?"
else
  setsid cttyhack sh
fi
poweroff -f
`;

export interface InitramfsFile {
  readonly path: string;
  readonly data: Uint8Array;
  /** Permission bits; default 0755 since extra files are mostly test programs. */
  readonly mode?: number;
}

export interface InitramfsOptions {
  /** Run this with sh -c at boot, print its exit status and power off. */
  readonly command?: string;
  /** Extra files; missing parent directories are created. They may not replace built-in entries. */
  readonly files?: readonly InitramfsFile[];
  /** Timestamp of every entry (default 0). */
  readonly mtime?: number;
}

export function buildInitramfs(busybox: Uint8Array, opts: InitramfsOptions = {}): Uint8Array {
  const w = new CpioWriter(opts.mtime ?? 0);
  for (const d of ['/bin', '/sbin', '/usr', '/usr/bin', '/usr/sbin', '/dev', '/proc', '/sys', '/etc']) w.dir(d);
  w.dir('/tmp', 0o1777);
  w.dir('/root', 0o700);
  // The kernel opens /dev/console on the initramfs before /init mounts devtmpfs: without the node
  // init starts with no stdin, stdout and stderr.
  w.charDevice('/dev/console', CONSOLE_MAJOR, CONSOLE_MINOR, 0o600);
  w.file(BUSYBOX_PATH, busybox, 0o755);
  for (const a of APPLETS) w.symlink(`/bin/${a}`, 'busybox');
  // id, ls -l and the shell prompt look root up by name.
  w.file('/etc/passwd', text('root:x:0:0:root:/root:/bin/sh\n'));
  w.file('/etc/group', text('root:x:0:\n'));
  w.file('/init', text(INIT_SCRIPT), 0o755);
  if (opts.command !== undefined) w.file(COMMAND_FILE, text(opts.command));
  for (const f of opts.files ?? []) w.file(f.path, f.data, f.mode ?? 0o755);
  return w.finish();
}

/** The exit status /init printed for the command, from console output; undefined when the line is
 *  missing. The line need not start a line: output without a final newline runs into it. */
export function parseExitStatus(consoleOutput: string): number | undefined {
  const at = consoleOutput.lastIndexOf(EXIT_STATUS_PREFIX);
  if (at < 0) return undefined;
  const m = /^(\d+)\r?\n/.exec(consoleOutput.slice(at + EXIT_STATUS_PREFIX.length));
  return m ? Number(m[1]) : undefined;
}

function text(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}
