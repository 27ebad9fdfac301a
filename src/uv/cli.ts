/**
 * The `hostkey` and `pvimg` commands. src/cli.ts owns the program and calls
 * registerUvCommands; option names follow genprotimg so its users feel at home.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { oneLine } from './errors.js';
import { loadCertificate, loadHostKeyDocument, loadHostPrivateKey, writeHostKey } from './hostkey.js';
import { buildPvImage } from './image-build.js';
import { inspectSeImage } from './inspect.js';
import { locateSeImage } from './image-locate.js';

/** Run an action; any failure becomes one line on stderr and a non-zero exit status. */
function guarded<A extends unknown[]>(action: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      action(...args);
    } catch (err) {
      console.error(`s390x-wasm: ${oneLine(err)}`);
      process.exitCode = 1;
    }
  };
}

function readInput(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new Error(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
}

function flagWord(value: string): bigint {
  if (!/^(0x[0-9a-f]{1,16}|[0-9]{1,20})$/i.test(value)) throw new InvalidArgumentError('expected a number such as 0xe0');
  const word = BigInt(value);
  if (word >= 1n << 64n) throw new InvalidArgumentError('does not fit in 64 bits');
  return word;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

interface CreateOptions {
  hostKeyDocument: string[];
  image: string;
  ramdisk?: string;
  parmfile?: string;
  output: string;
  verify: boolean;
  cert?: string;
  xPcf?: bigint;
  xScf?: bigint;
  componentEncryption: boolean;
}

function create(opts: CreateOptions): void {
  let ca: X509Certificate | undefined;
  if (opts.verify) {
    if (opts.cert === undefined) throw new Error('verifying host-key documents needs -C/--cert CA.crt (or --no-verify)');
    ca = loadCertificate(opts.cert);
  }
  const hostKeys = opts.hostKeyDocument.map((path) => loadHostKeyDocument(path, ca));
  const image = buildPvImage({
    hostKeys,
    kernel: readInput(opts.image, 'kernel image'),
    ...(opts.ramdisk !== undefined && { initrd: readInput(opts.ramdisk, 'ramdisk') }),
    ...(opts.parmfile !== undefined && { parmfile: readInput(opts.parmfile, 'parmfile') }),
    ...(opts.xPcf !== undefined && { pcf: opts.xPcf }),
    ...(opts.xScf !== undefined && { scf: opts.xScf }),
    ...(!opts.componentEncryption && { componentEncryption: false }),
  });
  try {
    writeFileSync(opts.output, image);
  } catch (err) {
    throw new Error(`cannot write ${opts.output}: ${(err as NodeJS.ErrnoException).code ?? 'unwritable'}`);
  }
  const { ipib } = locateSeImage(image);
  console.log(`${opts.output}: ${image.length} bytes, ${ipib.components.length} components, ${hostKeys.length} host key(s)`);
}

export function registerUvCommands(program: Command): void {
  program
    .command('hostkey')
    .description('make the emulated machine\'s host key: host.key, host.crt (host-key document), ca.crt, ca.key')
    .requiredOption('--out <dir>', 'directory for the four files (existing files are never overwritten)')
    .action(
      guarded((opts: { out: string }) => {
        const paths = writeHostKey(opts.out);
        console.log(`host key ${paths.hostKey}\nhost-key document ${paths.hostCert} (signed by ${paths.caCert})`);
      }),
    );

  const pvimg = program.command('pvimg').description('Secure Execution (Protected Virtualization) images');
  pvimg
    .command('create')
    .description('pack a kernel, ramdisk and command line into an SE image for the given host keys')
    .requiredOption('-k, --host-key-document <file>', 'host-key document (repeat for several hosts)', collect)
    .requiredOption('-i, --image <file>', 'Linux kernel image')
    .option('-r, --ramdisk <file>', 'initial ramdisk')
    .option('-p, --parmfile <file>', 'kernel command line')
    .requiredOption('-o, --output <file>', 'the SE image to write')
    .option('--no-verify', 'do not check the host-key documents against a CA')
    .option('-C, --cert <file>', 'CA certificate that must have signed every host-key document')
    .option('--x-pcf <value>', 'plaintext control flags (default 0xe0)', flagWord)
    .option('--x-scf <value>', 'secret control flags (default 0)', flagWord)
    .option('--no-component-encryption', 'store the components in plaintext (PCF bit 35)')
    .action(guarded((opts: CreateOptions) => create(opts)));

  pvimg
    .command('inspect')
    .description('print an SE image\'s header; with the host key, whether it would be unpacked')
    .argument('<file>', 'SE image')
    .option('--host-key <file>', 'the host\'s private key (host.key from `s390x-wasm hostkey`)')
    .action(
      guarded((file: string, opts: { hostKey?: string }) => {
        const key = opts.hostKey === undefined ? undefined : loadHostPrivateKey(opts.hostKey);
        const report = inspectSeImage(readInput(file, 'SE image'), key);
        console.log(report.lines.join('\n'));
        if (!report.ok) process.exitCode = 1;
      }),
    );
}
