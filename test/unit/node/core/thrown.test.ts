import { describe, expect, it } from 'vitest';
import { errorMessage, toError } from '../../../../shared/errors';
import { engineMessage, errnoCode, exitCode, statusCode } from '../../../../electron/core/thrown';

describe('reading what a thrown value carries, without casts', () => {
  it('finds the fields Node and dockerode set, and only when they have the right type', () => {
    const enoent = Object.assign(new Error('nope'), { code: 'ENOENT' });
    expect(errnoCode(enoent)).toBe('ENOENT');
    expect(exitCode(enoent)).toBeUndefined();
    expect(exitCode(Object.assign(new Error('exit'), { code: 2 }))).toBe(2);
    const engine = Object.assign(new Error('(HTTP code 404) no such container'), { statusCode: 404, json: { message: 'No such container: x' } });
    expect(statusCode(engine)).toBe(404);
    expect(engineMessage(engine)).toBe('No such container: x');
    for (const value of [undefined, null, 'text', 42]) {
      expect(errnoCode(value)).toBeUndefined();
      expect(statusCode(value)).toBeUndefined();
      expect(engineMessage(value)).toBeUndefined();
    }
  });

  it('turns anything thrown into a message or an Error', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage('plain')).toBe('plain');
    const error = new Error('same');
    expect(toError(error)).toBe(error);
    expect(toError(7).message).toBe('7');
  });
});
