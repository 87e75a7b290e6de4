#!/usr/bin/env node
import { OhfError } from '@ohf/domain-core';
import { generateApiKey, hashApiKey } from './auth/api-key-hash.js';
import { composeApi } from './composition/compose-api.js';
import { consoleIsBuilt, defaultConsoleDirectory } from './console/console-directory.js';
import { VERSION } from './version.js';

// The AWS SDK's notice that a future release will need Node.js 22 would reach stderr at every
// start; these packages support Node.js 20 and the README says so.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `ohf-api ${VERSION} — the Open Host Factory REST API

Usage:
  ohf-api                 start the server on $HOST:$PORT (default 127.0.0.1:8080)
  ohf-api hash-key [--scrypt]
                          make an API key: prints a new key and the hash to put in
                          api.auth.keys (reads a key from stdin instead when one is piped)
  ohf-api --version | --help

Configuration: config.json or config.yaml in $HF_PROVIDER_CONFDIR (else ./config), section "api".
`;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

async function hashKeyCommand(scrypt: boolean): Promise<void> {
  const piped = await readStdin();
  const key = piped || generateApiKey();
  const hash = await hashApiKey(key, scrypt ? 'scrypt' : 'sha256');
  if (!piped) process.stdout.write(`key:  ${key}\n`);
  process.stdout.write(`hash: ${hash}\n`);
}

async function serve(): Promise<void> {
  const api = await composeApi();
  const { logger } = api;
  const received = new Set<NodeJS.Signals>();
  const stop = (signal: NodeJS.Signals): void => {
    // The same signal twice (Ctrl-C pressed again) means "now". A different one is the same
    // request arriving twice: a terminal's SIGINT reaches the whole process group, and a parent
    // such as `npm start` may forward it as SIGTERM.
    if (received.has(signal)) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    const first = received.size === 0;
    received.add(signal);
    if (!first) return;
    logger.info({ signal, graceMs: api.configuration.shutdown_grace_ms }, 'shutting down: finishing requests and provisioning steps in flight');
    api.shutdown().then(
      () => {
        logger.info('shut down cleanly');
        process.exitCode = 0;
        // Leave time for the asynchronous log destination to flush.
        setTimeout(() => process.exit(0), 50).unref();
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const address = await api.start();
  const base = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
  logger.info({ host: address.address, port: address.port, version: VERSION }, `listening on ${base}`);
  const consoleSettings = api.configuration.console;
  if (consoleSettings.enabled) {
    const directory = consoleSettings.directory ?? defaultConsoleDirectory();
    if (consoleIsBuilt(directory)) logger.info({ url: `${base}/` }, `web console on ${base}/`);
    else logger.warn({ directory }, 'the web console is not built (npx nx run @ohf/web:build); / says so');
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (command === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  if (command === 'hash-key') return hashKeyCommand(rest.includes('--scrypt'));
  if (command !== undefined) {
    process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  return serve();
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // Start-up failures (bad configuration, unreachable database) in one readable line, no stack.
  const message = OhfError.isInstance(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
  process.stderr.write(`ohf-api: ${message}\n`);
  process.exit(1);
});
