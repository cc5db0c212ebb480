// An esbuild plugin for the Node bundles (scripts/build.mjs).
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const SENDING = "debug('Sending: %s', util.inspect(options, {";

// docker-modem formats every request's options for its debug log (util.inspect, all depths,
// hidden properties) before `debug` decides the log is off: ~5 ms of each CLI command's first
// call. The bundle formats them only when DEBUG=modem turns that log on.
export const modemDebugWhenOn = {
  name: 'modem-debug-when-on',
  setup(build) {
    build.onLoad({ filter: /[\\/]docker-modem[\\/]lib[\\/]modem\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(SENDING)) throw new Error(`${path.relative(process.cwd(), args.path)}: its debug line changed; update scripts/modem-debug.mjs`);
      return { contents: source.replace(SENDING, `if (debug.enabled) ${SENDING}`), loader: 'js' };
    });
  },
};
