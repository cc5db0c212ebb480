import path from 'node:path';

/**
 * The project folder named on the command line (`slipway-desktop ~/src/shop`, or a second
 * launch forwarded to the running instance), if any. Electron's and Chromium's own
 * switches and the app path Electron is started with are skipped.
 */
export function projectPathFromArgv(argv: readonly string[], cwd: string, options: { packaged: boolean }): string | undefined {
  // Unpackaged: argv = [electron, appPath, ...args]; packaged: [app, ...args].
  const args = argv.slice(options.packaged ? 1 : 2);
  const candidate = args.find((a) => !a.startsWith('-') && a.length > 0);
  return candidate === undefined ? undefined : path.resolve(cwd, candidate);
}

const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/**
 * Which project to open at start: the one named on the command line, else the working
 * folder when it has a compose file, else the most recent one, else the bundled demo.
 */
export function initialProject(options: {
  fromArgv: string | undefined;
  cwd: string;
  recent: readonly string[];
  demo: string | undefined;
  exists: (file: string) => boolean;
}): string | undefined {
  if (options.fromArgv) return options.fromArgv;
  if (COMPOSE_FILES.some((f) => options.exists(path.join(options.cwd, f)))) return options.cwd;
  const recent = options.recent.find((p) => options.exists(p));
  if (recent) return recent;
  return options.demo && options.exists(options.demo) ? options.demo : undefined;
}
