// Suites skipped because this machine lacks something name the reason in their title,
// "… (SKIPPED: reason)". `npm test` ends with them in a box, so a green run that left a
// suite out says so where nobody can miss it.

const MARK = /\(SKIPPED: (.+)\)\s*$/;

/** From vitest's JSON report: one entry per skipped suite, its file, reason and test count. */
export function skippedSuites(report) {
  const bySuite = new Map();
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status !== 'skipped' && test.status !== 'pending') continue;
      const title = (test.ancestorTitles ?? []).find((t) => MARK.test(t));
      const reason = title?.match(MARK)?.[1];
      if (!reason) continue;
      const name = `${file.name ?? ''}\u0000${reason}`;
      const entry = bySuite.get(name) ?? { file: file.name ?? '', reason, tests: 0 };
      entry.tests += 1;
      bySuite.set(name, entry);
    }
  }
  return [...bySuite.values()];
}

/** The box, or '' when nothing was skipped for want of something. */
export function skippedBox(suites, cwd = process.cwd()) {
  if (suites.length === 0) return '';
  const lines = ['SKIPPED: this machine lacks what these suites need', ''];
  for (const s of suites) {
    const file = s.file.startsWith(`${cwd}/`) ? s.file.slice(cwd.length + 1) : s.file;
    lines.push(`${file} (${s.tests} test${s.tests === 1 ? '' : 's'})`, `  because ${s.reason}`);
  }
  const width = Math.max(...lines.map((l) => l.length));
  const bar = `+${'-'.repeat(width + 2)}+`;
  return [bar, ...lines.map((l) => `| ${l.padEnd(width)} |`), bar].join('\n');
}
