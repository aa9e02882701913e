#!/usr/bin/env node
import { processEnvironment } from '../config/load.ts';
import { runCli } from './run-cli.ts';

const command = process.argv[2];
runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  environment: processEnvironment(),
}).then(
  (code) => {
    // `serve` keeps running until a signal; every other command ends here.
    if (command !== 'serve' || code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ringfence: ${error instanceof Error ? error.message : 'failed'}\n`);
    process.exitCode = 1;
  },
);
