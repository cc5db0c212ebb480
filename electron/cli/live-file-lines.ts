import { describeApplied, describeInvalid } from '../../shared/livefile-format';
import type { CliContext } from './context';

/**
 * While watching, the project's own files are live (docs/compose.md): each save that
 * changes services is applied and said in one line; a save that does not load is said
 * with its place, and nothing changes. Returns what stops it.
 */
export async function followProjectFiles(ctx: CliContext, projectId: string, quietMs?: number): Promise<() => Promise<void>> {
  const client = ctx.client();
  const red = (line: string) => (ctx.color ? `\u001b[31m${line}\u001b[39m` : line);
  const offApplied = client.on('livefile.applied', (applied) => {
    if (applied.projectId !== projectId) return;
    ctx.out(applied.ok ? describeApplied(applied) : red(describeApplied(applied)));
    if (!applied.ok && applied.error?.hint) ctx.out(`  ${applied.error.hint}`);
  });
  let lastError: string | undefined;
  const offState = client.on('livefile.state', (state) => {
    if (state.projectId !== projectId) return;
    const error = state.error ? describeInvalid(state) : undefined;
    // One line per broken save, not one per event that repeats it.
    if (error !== undefined && error !== lastError) {
      ctx.out(red(error));
      if (state.error?.hint) ctx.out(`  ${state.error.hint}`);
    }
    lastError = error;
  });
  await client.call('livefile.follow', { projectId, autoApply: true, ...(quietMs !== undefined ? { quietMs } : {}) });
  return async () => {
    offApplied();
    offState();
    await client.call('livefile.unfollow', { projectId }).catch(() => undefined);
  };
}
