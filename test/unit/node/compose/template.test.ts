import { describe, expect, it } from 'vitest';
import { substitute, TemplateError } from '../../../../electron/core/compose/template';

const vars: Record<string, string> = { FOO: 'first', BAR: '' };
const lookup = (name: string) => vars[name];
const sub = (t: string) => substitute(t, lookup).value;

describe('interpolation (Compose spec and compose-go cases)', () => {
  it.each([
    ['$FOO', 'first'],
    ['${FOO}', 'first'],
    ['This $FOO var', 'This first var'],
    ['This ${missing} var', 'This  var'],
    ['This ${BAR} var', 'This  var'],
    ['$FOO-bar', 'first-bar'],
    ['ok ${missing:-def}', 'ok def'],
    ['ok ${missing-def}', 'ok def'],
    ['ok ${BAR:-def}', 'ok def'],
    ['ok ${FOO:-def}', 'ok first'],
    ['ok ${BAR-def}', 'ok '],
    ['ok ${UNSET_VAR:+presence_value}', 'ok '],
    ['ok ${UNSET_VAR+presence_value}', 'ok '],
    ['ok ${FOO:+presence_value}', 'ok presence_value'],
    ['ok ${FOO+presence_value}', 'ok presence_value'],
    ['ok ${BAR+presence_value}', 'ok presence_value'],
    ['ok ${BAR:+presence_value}', 'ok '],
    ['ok ${BAR:-/non:-alphanumeric}', 'ok /non:-alphanumeric'],
    ['-ok ${BAR:-defaultValue}', '-ok defaultValue'],
    ['+ok ${UNSET:-${BAR-defaultValue}}', '+ok '],
    [':-ok ${UNSET-defaultValue}', ':-ok defaultValue'],
    [':?ok ${BAR:-defaultValue}', ':?ok defaultValue'],
    ['ok ${UNSET_VAR-$FOO}', 'ok first'],
    ['ok ${UNSET_VAR-${FOO}}', 'ok first'],
    ['ok ${UNSET_VAR-${FOO} ${FOO}}', 'ok first first'],
    ['ok ${BAR:-${FOO} ${FOO}}', 'ok first first'],
    ['ok ${BAR+$FOO ${FOO:+second}}', 'ok first second'],
    ['${VARIABLE:-${FOO:-default}}', 'first'],
    ['${VARIABLE:-${NOPE:-default}}', 'default'],
    ['ok ${FOO:?err}', 'ok first'],
    ['ok ${FOO?err}', 'ok first'],
    ['ok ${BAR?err}', 'ok '],
    ['${UNSET_VAR-myerror?msg}', 'myerror?msg'],
    ['${FOO?bar-baz}', 'first'],
    ['$${foo}', '${foo}'],
    ['$$VAR_NOT_INTERPOLATED_BY_COMPOSE', '$VAR_NOT_INTERPOLATED_BY_COMPOSE'],
    ['price $$5', 'price $5'],
    ['a $ string', 'a $ string'],
    ['^REGEX$', '^REGEX$'],
    ['$}', '$}'],
    ['$', '$'],
    ['foo', 'foo'],
    ['${FOO}${FOO}', 'firstfirst'],
  ])('%s → %s', (template, expected) => {
    expect(sub(template)).toBe(expected);
  });

  it.each(['${', '${}', '${ }', '${ foo}', '${foo }', '${foo!}', '${FOO:x}'])('%s is an invalid template', (template) => {
    expect(() => sub(template)).toThrow(/invalid interpolation format/);
  });

  it.each([
    ['not ok ${UNSET_VAR:?Mandatory Variable Unset}', 'required variable UNSET_VAR is missing a value: Mandatory Variable Unset'],
    ['not ok ${BAR:?Mandatory Variable Empty}', 'required variable BAR is missing a value: Mandatory Variable Empty'],
    ['not ok ${UNSET_VAR:?}', 'required variable UNSET_VAR is missing a value'],
    ['not ok ${UNSET_VAR?Mandatory Variable Unset}', 'required variable UNSET_VAR is missing a value: Mandatory Variable Unset'],
    ['${UNSET_VAR?bar-baz}', 'required variable UNSET_VAR is missing a value: bar-baz'],
    ['not ok ${UNSET_VAR:?Mandatory Variable ${FOO}}', 'required variable UNSET_VAR is missing a value: Mandatory Variable first'],
  ])('%s fails with its message', (template, message) => {
    let caught: unknown;
    try {
      sub(template);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TemplateError);
    expect((caught as TemplateError).message).toBe(message);
    expect((caught as TemplateError).kind).toBe('required');
  });

  it('reports variables that are not set, once each', () => {
    expect(substitute('${A} $A ${B:-x} $FOO', lookup).unset).toEqual(['A']);
  });
});
