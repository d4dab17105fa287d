#!/usr/bin/env node
// The `eos-sweep-aggregate` command: a committed shim so `npm ci` can link it before the build.
import '../dist/main.js';
