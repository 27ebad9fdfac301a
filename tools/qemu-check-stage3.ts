// Runtime check of the SE loaders under QEMU TCG, until our own system mode can run them.
//   npm run build && node dist/tools/qemu-check-stage3.js
// Needs qemu-system-s390x (Debian: qemu-system-misc) and the guest files (tools/repo.ts).
//  1. stage3a: TCG has no facility 161, so booting the SE image must end with the IPIB's
//     pv_hdr_addr/size filled in and the CPU in disabled wait 0x161 (the missing-facility code).
//  2. stage3b: the image as the Ultravisor leaves it after unpack (pages decrypted), entered at
//     the header PSW's stage3b through a short PSW at 0, must start the kernel with our
//     command line and initrd.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { buildPvImage } from '../src/uv/image-build.js';
import { locateSeImage } from '../src/uv/image-locate.js';
import { flatStorage, unpackImage } from '../src/uv/unpack.js';
import { guestDir } from './repo.js';

const QEMU = ['-M', 's390-ccw-virtio', '-m', '512', '-display', 'none', '-no-reboot'];

function monitorAfter(image: string, seconds: number, commands: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const qemu = spawn('qemu-system-s390x', [...QEMU, '-serial', 'none', '-no-shutdown', '-monitor', 'stdio', '-kernel', image]);
    let out = '';
    qemu.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    qemu.on('error', reject);
    qemu.on('exit', () => resolve(out));
    setTimeout(() => qemu.stdin.write(`${commands.join('\n')}\nquit\n`), seconds * 1000);
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'qemu-stage3-'));
  const host = generateKeyPairSync('ec', { namedCurve: 'secp521r1' });
  const cmdline = 'console=ttysclp0 panic=-1 stage3b=passed-this-line';
  const initrd = readFileSync(join(guestDir(), 'busybox'));
  const image = buildPvImage({
    hostKeys: [host.publicKey],
    kernel: readFileSync(join(guestDir(), 'vmlinuz')),
    initrd,
    parmfile: Buffer.from(cmdline),
  });
  const { ipib, ipibAddr } = locateSeImage(image);
  const sealed = join(dir, 'se.img');
  writeFileSync(sealed, image);

  const monitor = await monitorAfter(sealed, 3, [`xp /2gx 0x${(ipibAddr + 0x78).toString(16)}`, 'info registers']);
  const patched = new RegExp(`0x0*${ipib.hdrAddr.toString(16)} 0x0*${ipib.hdrSize.toString(16)}`).test(monitor);
  const waiting = /PSW=mask 0002000180000000 addr 0000000000000161/.test(monitor);
  console.log(`stage3a: IPIB header fields ${patched ? 'filled in' : 'NOT filled in'}; ${waiting ? 'disabled wait 0x161 (no facility 161), as expected under TCG' : 'unexpected state'}`);

  const memory = Buffer.from(image);
  const { secret } = unpackImage(flatStorage(memory), ipib, host.privateKey);
  memory.writeBigUInt64BE(0x0008000180000000n | secret.psw.addr, 0);
  const unpacked = join(dir, 'unpacked.img');
  writeFileSync(unpacked, memory);
  const boot = spawnSync('qemu-system-s390x', [...QEMU, '-nographic', '-kernel', unpacked], { encoding: 'utf8', timeout: 300_000 });
  const kernelLog = boot.stdout ?? '';
  const sawCmdline = kernelLog.includes(`Kernel command line: ${cmdline}`);
  const sawInitrd = /Trying to unpack rootfs image as initramfs|Initramfs unpacking failed/.test(kernelLog);
  console.log(`stage3b: kernel started with ${sawCmdline ? 'our' : 'NOT our'} command line; initrd ${sawInitrd ? 'handed over' : 'NOT handed over'}`);
  if (!(patched && waiting && sawCmdline && sawInitrd)) {
    writeFileSync(join(dir, 'console.log'), kernelLog + monitor);
    console.error(`qemu-check-stage3: FAILED (logs in ${dir})`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(`qemu-check-stage3: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
