import { describe, expect, it } from 'vitest';
import { explainUnreachable } from '../../../../electron/core/docker/unreachable';
import { SlipwayError } from '../../../../shared/errors';

function systemError(code: string, syscall: string): Error {
  return Object.assign(new Error(`${syscall} ${code} /run/docker.sock`), { code, syscall });
}

describe('an engine that does not answer, in the user’s words', () => {
  const host = { url: 'unix:///run/docker.sock', source: 'DOCKER_HOST' };

  it('says where the engine was looked for and what to do', () => {
    const explained = explainUnreachable(systemError('ECONNREFUSED', 'connect'), host);
    expect(explained).toBeInstanceOf(SlipwayError);
    expect(explained).toMatchObject({
      code: 'engine_unreachable',
      message: 'Cannot reach the Docker engine at unix:///run/docker.sock (from DOCKER_HOST): connect ECONNREFUSED /run/docker.sock',
      hint: 'Start Docker, or point DOCKER_HOST or --host at a running engine.',
    });
    expect(explainUnreachable(systemError('ENOENT', 'connect'), host)).toMatchObject({ code: 'engine_unreachable' });
  });

  it('leaves other errors as they are: a missing file, a SlipwayError, no host yet', () => {
    const missingFile = systemError('ENOENT', 'open');
    expect(explainUnreachable(missingFile, host)).toBe(missingFile);
    const own = new SlipwayError('no_such_service', 'No such service: "x"');
    expect(explainUnreachable(own, host)).toBe(own);
    const refused = systemError('ECONNREFUSED', 'connect');
    expect(explainUnreachable(refused, undefined)).toBe(refused);
  });
});
