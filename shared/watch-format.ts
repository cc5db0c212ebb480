import type { WatchExecOutput, WatchReload } from './contract/watch';

/** "2 files", "1 file". */
export function fileCount(count: number): string {
  return `${count} file${count === 1 ? '' : 's'}`;
}

/** Latency as people read it: "38 ms", "1.4 s". */
export function formatLatency(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** What a reload did, in a few words: "synced 2 files in 38 ms", "restarted in 142 ms". */
export function describeReload(reload: WatchReload): string {
  const files = fileCount(reload.fileCount);
  const took = `in ${formatLatency(reload.latencyMs)}`;
  if (!reload.ok) return `${reload.action} failed after ${formatLatency(reload.latencyMs)}: ${reload.error?.message ?? 'unknown error'}`;
  const copied = reload.bindMounted ? `${files} changed (bind mount)` : `synced ${files}`;
  switch (reload.action) {
    case 'sync':
      return `${copied} ${took}`;
    case 'sync+restart':
      return `${copied}, restarted ${took}`;
    case 'restart':
      return `restarted (${files} changed) ${took}`;
    case 'sync+exec':
      return `${copied}, ran the reload command ${took}`;
    case 'rebuild':
      return `rebuilt and recreated (${files} changed) ${took}`;
    case 'initial_sync':
      return `initial sync of ${files} ${took}`;
  }
}

/** A `sync+exec` command's output as lines to show under its reload; the exit code last when it is not 0. */
export function execOutputLines(exec: WatchExecOutput): string[] {
  const lines = exec.output === '' ? [] : exec.output.split('\n').map((line) => line.replace(/\r$/, ''));
  if (exec.exitCode !== 0) lines.push(`${exec.command.join(' ')} exited with ${exec.exitCode} in ${exec.container}`);
  return lines;
}
