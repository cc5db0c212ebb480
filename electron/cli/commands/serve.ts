import { SlipwayError, errorMessage } from '../../../shared/errors';
import type { Command } from '../command';
import type { CliContext } from '../context';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the dashboard to your browser (127.0.0.1 only, with a private token)',
  usage: 'slipway serve [--port N] [--no-open]',
  options: {
    port: { type: 'string' },
    'no-open': { type: 'boolean' },
  },
  async run(ctx, args) {
    const port = parsePort(args.values.port);
    // The server (HTTP, WebSocket) is loaded only by this command.
    const { findRendererDir, openBrowser, startServe } = await import('../../serve');
    const staticDir = findRendererDir(ctx.env);
    const core = await ctx.core(true);
    await openWorkingProject(ctx);
    const served = await startServe({ core, staticDir, port }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') throw new SlipwayError('port_in_use', `Port ${port} on 127.0.0.1 is already in use`, 'Pick another with --port N, or --port 0 for any free port.');
      throw error;
    });
    ctx.out(`Slipway dashboard: ${served.url}`);
    ctx.out('Keep this link private: the token in it grants control of your Docker projects. Ctrl+C stops the server.');
    await startServiceAddresses(ctx);
    if (args.values['no-open'] !== true) {
      const opened = await openBrowser(served.url);
      if (!opened) ctx.err('Could not open a browser; open the link above yourself.');
    }
    await stopSignal();
    await served.close();
    return 0;
  },
};

function parsePort(value: unknown): number {
  if (value === undefined) return 7420;
  const port = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || port > 65535) {
    throw new SlipwayError('usage', `serve: --port must be a number from 0 to 65535, got "${String(value)}"`, 'Usage: slipway serve [--port N] [--no-open]');
  }
  return port;
}

/** The project in the working directory (or the one -f/-p select), when there is one. */
async function openWorkingProject(ctx: CliContext): Promise<void> {
  try {
    const project = await ctx.client().call('projects.open', ctx.openInput());
    ctx.out(`Project ${project.name} (${project.workingDir})`);
  } catch (error) {
    ctx.err(`No project opened here: ${errorMessage(error)}. Open a folder from the dashboard.`);
  }
}

/** The service proxy: each running service with a published port at http://SERVICE.PROJECT.localhost:PORT/. */
async function startServiceAddresses(ctx: CliContext): Promise<void> {
  try {
    const { port } = await ctx.client().call('proxy.start', {});
    ctx.out(`Service addresses: http://SERVICE.PROJECT.localhost:${port}/ (127.0.0.1 only)`);
  } catch (error) {
    ctx.err(`No service addresses: ${errorMessage(error)}. The dashboard works without them.`);
  }
}

function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
