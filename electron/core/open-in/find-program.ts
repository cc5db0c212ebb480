import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** The full path of `name` on PATH (PATHEXT on Windows), or undefined when it is not there. */
export function findProgram(name: string, env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): string | undefined {
  if (path.isAbsolute(name)) return isExecutable(name) ? name : undefined;
  const separator = platform === 'win32' ? ';' : ':';
  const extensions = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(separator)) {
    if (!dir) continue;
    for (const extension of extensions) {
      const candidate = path.join(dir, `${name}${extension}`);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
