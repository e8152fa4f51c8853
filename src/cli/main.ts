#!/usr/bin/env node
// u1x command-line entry point.
import { main } from './program.js';

// Exit explicitly: the WebGPU instance keeps the event loop alive.
main(process.argv).then((code) => process.exit(code));
