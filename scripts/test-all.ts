// `npm test`: every check the project has, in order, then one closing line
// `tests: N passed, M failed, K skipped` that CI reads. A failed step does not stop
// the later ones (so one run shows everything), but it does fail the whole run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

interface Step {
  name: string;
  command: string;
  /** Where a JSON report with test counts is written, if the step runs tests. */
  report?: { file: string; kind: 'vitest' | 'playwright' };
}

// Absolute: Playwright resolves a relative report path against its config's folder.
const tmp = resolve('.tmp/test-reports');
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });

const only = process.argv.slice(2);
const allSteps: Step[] = [
  { name: 'typecheck', command: 'npm run -s typecheck' },
  { name: 'lint', command: 'npm run -s lint' },
  {
    name: 'vitest',
    command: `npx vitest run --reporter=default --reporter=json --outputFile=${tmp}/vitest.json`,
    report: { file: `${tmp}/vitest.json`, kind: 'vitest' },
  },
  { name: 'build', command: 'npm run -s build:renderer' },
  {
    name: 'e2e',
    command: 'npx playwright test --config tests/e2e/playwright.config.ts --reporter=list,json',
    report: { file: `${tmp}/playwright.json`, kind: 'playwright' },
  },
];
const steps = allSteps.filter((s) => only.length === 0 || only.includes(s.name));

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps: string[] = [];

function count(report: NonNullable<Step['report']>): boolean {
  if (!existsSync(report.file)) return false;
  const json: unknown = JSON.parse(readFileSync(report.file, 'utf8'));
  if (report.kind === 'vitest') {
    const r = json as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
    };
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
  } else {
    const s = (
      json as { stats: { expected: number; unexpected: number; skipped: number; flaky: number } }
    ).stats;
    totals.passed += s.expected + s.flaky;
    totals.failed += s.unexpected;
    totals.skipped += s.skipped;
  }
  return true;
}

for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.command}`);
  const started = Date.now();
  const result = spawnSync(step.command, {
    shell: true,
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: `${tmp}/playwright.json` },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const counted = step.report ? count(step.report) : true;
  if (result.status !== 0 || !counted) {
    failedSteps.push(step.name);
    if (step.report && !counted) totals.failed += 1; // a runner that crashed before reporting
    console.log(
      `=== ${step.name} FAILED after ${seconds} s (exit ${result.status ?? result.signal})`,
    );
  } else {
    console.log(`=== ${step.name} ok in ${seconds} s`);
  }
}

if (failedSteps.length > 0) {
  console.log(`\nfailed steps: ${failedSteps.join(', ')}`);
  if (totals.failed === 0) totals.failed = failedSteps.length;
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length > 0 ? 1 : 0);
