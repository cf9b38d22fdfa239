// Entry of the engine's Electron utility process (out/main/engine-host.js). Plain Node: it
// must never import 'electron'; it talks to the main process through process.parentPort.
import path from 'node:path';
import { createEngine } from '../engine/engine';
import { readEnvConfig } from '../engine/core/env-config';
import { createFileLogger } from '../engine/core/file-logger';
import { allowUnprotectedSecrets } from '../engine/secrets/sealer';
import { readEngineHostOptions } from './engine-protocol';
import { PortSealer } from './engine-sealer';
import { serveEngine, type ParentPortLike } from './engine-server';

const port = (process as unknown as { parentPort?: ParentPortLike }).parentPort;

if (!port) {
  process.stderr.write('engine-host runs inside the OpsDeck desktop app. For a headless engine use `opsdeck serve`.\n');
  process.exit(2);
} else {
  const options = readEngineHostOptions(process.argv, process.env);
  const logger = createFileLogger(path.join(options.dataDir, 'logs', 'engine.log'));
  // Where keytar is unavailable, secrets are sealed by Electron's safeStorage in the main process.
  const sealer = new PortSealer((message) => port.postMessage(message));
  const engine = createEngine({
    dataDir: options.dataDir,
    host: 'electron',
    osLocale: options.osLocale,
    logger,
    sealer,
    allowUnprotectedSecrets: allowUnprotectedSecrets(process.env),
    ...readEnvConfig(process.env),
  });
  serveEngine(port, engine, {
    logger,
    onSealerReply: (id, reply) => sealer.handleReply(id, reply),
    exit: (code) => {
      logger.close();
      // Give the log stream a moment to drain before the process goes.
      setTimeout(() => process.exit(code), 100);
    },
  });
}
