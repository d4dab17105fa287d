#!/usr/bin/env node
// The `eos-sweep` command. A committed file, not dist/main.js itself, so that
// `npm ci` can link it into node_modules/.bin before the build has run.
import '../dist/main.js';
