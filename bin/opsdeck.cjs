#!/usr/bin/env node
'use strict';
// The `opsdeck` command: runs the built CLI (npm run build produces out/main/cli.js).
const path = require('node:path');
const fs = require('node:fs');

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`opsdeck: NODE_TOO_OLD: OpsDeck needs Node.js 22.12 or newer; this is ${process.version}.\n`);
  process.exit(1);
}
const entry = path.join(__dirname, '..', 'out', 'main', 'cli.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('opsdeck: NOT_BUILT: OpsDeck is not built yet. Run "npm run build" in the project folder first.\n');
  process.exit(1);
}
process.env.OPSDECK_CLI_ENTRY = '1';
require(entry);
