#!/usr/bin/env node
// u1x command-line entry point.
import { main } from './program.js';
import { exitAfterDrain, guardStdio } from './stdio.js';

guardStdio();
// Exit explicitly (the WebGPU instance keeps the event loop alive), but only after stdout and stderr
// have drained: process.exit() would cut a pipe at 64 KiB.
main(process.argv).then((code) => exitAfterDrain(code));
