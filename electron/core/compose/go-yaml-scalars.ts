import type { ScalarTag, Tags } from 'yaml';

/**
 * Plain scalars read as go-yaml v3 reads them for compose-go (yaml.v3 resolve.go), not as
 * YAML 1.2's core schema does: an integer is whatever Go's strconv.ParseInt(s, 0, 64)
 * takes once underscores are dropped — so `0440` is octal 288 (a file mode), `0o440` and
 * `0x1F` and `0b101` too — then what does not parse as one but looks like a float is a
 * float (`08` is 8, `1e3` is 1000), and anything else stays a string (`1.2.3`, `12:30`).
 * `yes`/`no`/`on`/`off` stay strings, as in go-yaml v3.
 */

const INT_TAG = 'tag:yaml.org,2002:int';
const FLOAT_TAG = 'tag:yaml.org,2002:float';

/** Go's integer literal syntax for base 0, underscores anywhere after the first character. */
const GO_INT = /^[-+]?(?:0[xX][_0-9a-fA-F]*[0-9a-fA-F][_0-9a-fA-F]*|0[oO][_0-7]*[0-7][_0-7]*|0[bB][_01]*[01][_01]*|0[_0-7]*|[1-9][_0-9]*)$/;
/** go-yaml's yamlStyleFloat, on the text without underscores. */
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** What go-yaml sends to the number path: a sign, a digit or a dot first. */
const NUMBERISH = /^[-+.0-9][-+._0-9a-zA-Z]*$/;

/** The number go-yaml v3 gives a plain scalar, or undefined when it is a string there. */
export function goYamlNumber(text: string): number | undefined {
  if (!NUMBERISH.test(text)) return undefined;
  if (text.startsWith('.')) {
    return YAML_STYLE_FLOAT.test(text) ? Number(text) : undefined;
  }
  const plain = text.replaceAll('_', '');
  if (GO_INT.test(text) && plain.replace(/^[-+]/, '') !== '') {
    const negative = plain.startsWith('-');
    const digits = plain.replace(/^[-+]/, '');
    let value: number;
    if (/^0[xX]/.test(digits)) value = parseInt(digits.slice(2), 16);
    else if (/^0[oO]/.test(digits)) value = parseInt(digits.slice(2), 8);
    else if (/^0[bB]/.test(digits)) value = parseInt(digits.slice(2), 2);
    else if (/^0[0-7]+$/.test(digits)) value = parseInt(digits.slice(1), 8);
    else value = parseInt(digits, 10);
    if (Number.isFinite(value)) return negative ? -value : value;
  }
  if (YAML_STYLE_FLOAT.test(plain)) return Number(plain);
  return undefined;
}

const goInt: ScalarTag = {
  tag: INT_TAG,
  default: true,
  identify: (value) => typeof value === 'number' && Number.isInteger(value),
  test: GO_INT,
  resolve: (text) => goYamlNumber(text) ?? text,
};

const goFloat: ScalarTag = {
  tag: FLOAT_TAG,
  default: true,
  identify: (value) => typeof value === 'number',
  // Floats, and the integer-looking forms Go refuses (`08`, `09`) that go-yaml reads as floats.
  test: /^[-+]?(?:\.[0-9][_0-9]*|[0-9][_0-9]*(?:\.[_0-9]*)?)(?:[eE][-+]?[0-9][_0-9]*)?$/,
  resolve: (text) => goYamlNumber(text) ?? text,
};

/** The yaml package's core schema with its int and float tags replaced by go-yaml v3's. */
export function goYamlTags(tags: Tags): Tags {
  const kept = tags.filter((t) => typeof t === 'string' || !(t.default === true && (t.tag === INT_TAG || (t.tag === FLOAT_TAG && t.test !== undefined && t.test.source.includes('[0-9]')))));
  return [goInt, goFloat, ...kept];
}
