#!/usr/bin/env node
// s390x-wasm: the command line. Each command lives with the code it drives; this file only wires
// them together and turns errors into one-line messages with a non-zero exit.
import { Command } from 'commander';
import { registerDisasmCommand } from './decoder/cli.js';
import { registerDemoCommand } from './boot/demo.js';
import { registerFetchCommand } from './boot/fetch-cli.js';
import { registerRunCommand } from './boot/run-cli.js';
import { registerUserCommand } from './user/cli.js';
import { registerUvCommands } from './uv/cli.js';

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const program = new Command();
program
  .name('s390x-wasm')
  .description('IBM Z (s390x, z/Architecture) emulator: decoder, interpreter, Ultravisor')
  .version('0.1.0')
  .enablePositionalOptions()
  .showHelpAfterError();

registerDemoCommand(program);
registerFetchCommand(program);
registerDisasmCommand(program);
registerRunCommand(program);
registerUserCommand(program);
registerUvCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.stderr.write(`s390x-wasm: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
