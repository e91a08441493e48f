#!/usr/bin/env node
// Launcher for the `segstudio` command: runs the prebuilt bundle (built JavaScript, so the CLI
// starts fast). `npm install` builds it through the `prepare` script; `npm run build:cli` rebuilds it.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', '..', '..', 'out', 'cli', 'main.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write("segstudio: the command line is not built yet; run 'npm run build:cli' (or 'npm install') in the Segment Studio folder.\n");
  process.exit(2);
}
require(bundle);
