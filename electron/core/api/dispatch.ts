import { calls, isCallName } from '../../../shared/contract';
import type { Envelope } from '../../../shared/envelope';
import { fail, ok } from '../../../shared/envelope';
import { toErrorInfo } from '../../../shared/errors';
import type { CallContext, Handlers } from './handlers';

/**
 * The boundary both bridges share: the name must be a contract call, the input must
 * parse, the output is checked, and the answer is an envelope — never a bare exception.
 * `explain` may put a thrown error in the user's words first.
 */
export async function dispatch(handlers: Handlers, name: string, rawInput: unknown, ctx: CallContext, explain: (error: unknown) => unknown = (error) => error): Promise<Envelope<unknown>> {
  if (!isCallName(name)) {
    return fail({ code: 'unknown_call', message: `No such call: ${name}` });
  }
  const def = calls[name];
  const parsed = def.input.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return fail({ code: 'invalid_input', message: `Invalid input for ${name}${where}: ${issue?.message ?? 'rejected'}` });
  }
  try {
    const handler = handlers[name] as (input: unknown, ctx: CallContext) => Promise<unknown>;
    const value = await handler(parsed.data, ctx);
    const checked = def.output.safeParse(value);
    if (!checked.success) {
      return fail({ code: 'internal', message: `The engine answered ${name} with an unexpected shape` });
    }
    return ok(checked.data);
  } catch (error) {
    return fail(toErrorInfo(explain(error)));
  }
}
