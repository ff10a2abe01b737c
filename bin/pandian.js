#!/usr/bin/env node
// The pandian command: runs the built command line (npm ci builds it through the prepare script).
require('../dist/cli.js').main();
