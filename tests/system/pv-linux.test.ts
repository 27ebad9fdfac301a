// Issue 5's boot half end to end, the way a user does it: a host key from `hostkey`, Debian's
// kernel and the default initramfs packed by `pvimg create` (checked against the CA), and
// `run --kernel IMAGE --host-key host.key`: stage3a, the Ultravisor's unpack, stage3b, then the
// kernel as a secure guest to /init and power-off. The guest's /sys/firmware/uv shows that it
// saw facility 158 and the UV query. Tampered images end with one line naming the reason.
// Debian's 6.1 kernel is built without CONFIG_PROTECTED_VIRTUALIZATION_GUEST, so it does not
// call itself a protected guest (prot_virt_guest 0) and never shares a page: it needs none, as
// it has no devices and the SCLP reaches its SCCBs through the SIDA.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchGuests } from '../../src/boot/guests.js';
import { buildInitramfs, INIT_MARKER, parseExitStatus } from '../../src/boot/initramfs.js';
import { locateSeImage } from '../../src/uv/image-locate.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const COMMAND = 'cd /sys/firmware/uv && for f in prot_virt_guest query/facilities query/supp_se_hdr_ver query/max_cpus; do echo "uv $f: $(cat $f)"; done';

describe('a Secure Execution image of Debian\'s kernel through the CLI', () => {
  let cli: string;
  let out: string;
  let dir: string;
  let image: string;
  const cliRun = (args: string[], env: NodeJS.ProcessEnv = process.env, timeout = 60_000) => {
    const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input: '', timeout, env, maxBuffer: 64 << 20 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeAll(() => {
    // A private build of the CLI (tsc emits even if another file has a type error).
    out = path.join(ROOT, '.cache', `pv-cli-${process.pid}`);
    spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', ROOT, '--outDir', out, '--sourceMap', 'false'], { encoding: 'utf8' });
    cli = path.join(out, 'src/cli.js');
    expect(fs.existsSync(cli)).toBe(true);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pv-linux-'));
    const g = fetchGuests();
    fs.writeFileSync(path.join(dir, 'initrd'), buildInitramfs(fs.readFileSync(g.busybox), { command: COMMAND }));
    fs.writeFileSync(path.join(dir, 'parmfile'), '');
    expect(cliRun(['hostkey', '--out', path.join(dir, 'hk')]).status).toBe(0);
    image = path.join(dir, 'pv.img');
    const created = cliRun(['pvimg', 'create', '-k', path.join(dir, 'hk/host.crt'), '-C', path.join(dir, 'hk/ca.crt'),
      '-i', g.kernel, '-r', path.join(dir, 'initrd'), '-p', path.join(dir, 'parmfile'), '-o', image]);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
  }, 300_000);

  afterAll(() => {
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('boots in secure mode to /init, shows the UV query in sysfs, and powers off', () => {
    const r = cliRun(['run', '--kernel', image, '--host-key', path.join(dir, 'hk/host.key'), '--deterministic'], process.env, 1_500_000);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Linux version 6.');
    expect(r.stdout).toContain(INIT_MARKER);
    // /sys/firmware/uv exists only when the decompressor found facility 158 and its UV query
    // answered; the installed calls are query (bit 0) and set/remove shared access (8, 9).
    expect(r.stdout).toContain('uv query/facilities: 80c0000000000000');
    expect(r.stdout).toContain('uv query/supp_se_hdr_ver: 8000000000000000');
    expect(r.stdout).toContain('uv query/max_cpus: 1');
    expect(r.stdout).toContain('uv prot_virt_guest: 0');
    expect(parseExitStatus(r.stdout)).toBe(0);
    for (const bad of ['WARNING:', 'BUG:', 'Oops', 'panic']) expect(r.stdout).not.toContain(bad);
    expect(r.status).toBe(0);
  }, 1_500_000);

  it('a tampered image: one line with the reason and the architected failure, exit status 1', () => {
    const bad = Buffer.from(fs.readFileSync(image));
    const kernel = locateSeImage(bad).ipib.components[0]!;
    bad[kernel.addr + 0x2000] ^= 0x55;
    fs.writeFileSync(path.join(dir, 'bad.img'), bad);
    const r = cliRun(['run', '--kernel', path.join(dir, 'bad.img'), '--host-key', path.join(dir, 'hk/host.key'), '--initrd', path.join(dir, 'initrd')]);
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      's390x-wasm: warning: --initrd and --append are ignored: a Secure Execution image carries its own kernel, initrd and command line',
      's390x-wasm: the Ultravisor refused the Secure Execution image: image verification failed: PLD mismatch '
        + '(diag 308 subcode 10 rc 0x0a02; stage3a stopped in a disabled wait, PSW 0002000180000000 at a0a02)',
    ]);
  });

  it('an image for another host key, from the default key place: refused, no key slot', () => {
    const config = path.join(dir, 'config');
    expect(cliRun(['hostkey', '--out', path.join(config, 's390x-wasm/hostkey')]).status).toBe(0);
    const r = cliRun(['run', '--kernel', image], { ...process.env, XDG_CONFIG_HOME: config });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^s390x-wasm: the Ultravisor refused the Secure Execution image: SE header has no key slot for this host key \(diag 308 subcode 10 rc 0x0a02;/);
  });

  it('no host key given and none at the default place: says where it looked and how to make one', () => {
    const config = path.join(dir, 'empty-config');
    const r = cliRun(['run', '--kernel', image], { ...process.env, XDG_CONFIG_HOME: config });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`s390x-wasm: the kernel is a Secure Execution image and there is no host key at ${config}/s390x-wasm/hostkey/host.key: `
      + `give --host-key FILE, or make one with 's390x-wasm hostkey --out ${config}/s390x-wasm/hostkey'\n`);
  });
});
