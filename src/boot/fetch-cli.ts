// `s390x-wasm fetch`: bring Debian's s390x kernel and busybox into the guest cache.
import type { Command } from 'commander';
import { fetchGuests, guestDir } from './guests.js';

export function registerFetchCommand(program: Command): void {
  program
    .command('fetch')
    .description("fetch Debian's linux-image-s390x and busybox-static (s390x) through apt into the guest cache")
    .option('--dir <dir>', 'cache folder (default $S390X_WASM_GUESTS or .cache/guests)')
    .action((opts: { dir?: string }) => {
      const g = fetchGuests(opts.dir ?? guestDir());
      console.log(`kernel ${g.kernel}\nbusybox ${g.busybox}`);
    });
}
