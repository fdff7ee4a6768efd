#!/usr/bin/env node
/**
 * The `baton` executable (`bin` of @baton/client): see `run.ts` for the commands.
 * @module
 */
import { runCli } from './run.js';

const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
});
process.exitCode = code;
