#!/usr/bin/env node
// The `bert-workbench` command. The CLI is TypeScript; tsx compiles it on the fly so the
// same source runs from a checkout without a build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
