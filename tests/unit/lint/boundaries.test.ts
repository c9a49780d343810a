// The process boundaries of DESIGN.md are enforced by ESLint; these cases prove the rule bites.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

describe('boundary lint rule', () => {
  it.each([
    ['shared/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['shared/bad.ts', "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n"],
    ['shared/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['shared/bad.ts', "import { useState } from 'react';\nexport const x = useState;\n"],
    ['shared/bad.ts', "import { x } from '../server/app.ts';\nexport const y = x;\n"],
    ['shared/bad.ts', 'export const w = window.location.href;\n'],
    ['shared/bad.ts', 'export const p = process.env.HOME;\n'],
    ['renderer/bad.ts', "import { x } from '../electron/main.ts';\nexport const y = x;\n"],
    ['renderer/bad.ts', "import { x } from '../server/app.ts';\nexport const y = x;\n"],
    ['renderer/bad.ts', "import { ipcRenderer } from 'electron';\nexport const y = ipcRenderer;\n"],
    [
      'renderer/a/bad.ts',
      "import { readFile } from 'node:fs/promises';\nexport const y = readFile;\n",
    ],
    ['electron/bad.ts', "import { x } from '../renderer/app/x.ts';\nexport const y = x;\n"],
    ['electron/bad.ts', "import { x } from '../server/app.ts';\nexport const y = x;\n"],
    ['server/bad.ts', "import { x } from '../renderer/app/x.ts';\nexport const y = x;\n"],
    ['server/routes/bad.ts', "import { x } from '../../electron/main.ts';\nexport const y = x;\n"],
  ])('rejects %s: %s', async (filePath, code) => {
    expect(await boundaryErrors(filePath, code)).not.toEqual([]);
  });

  it.each([
    ['shared/ok.ts', "import { ok } from './result.ts';\nexport const y = ok;\n"],
    ['renderer/ok.ts', "import { ok } from '../shared/result.ts';\nexport const y = ok;\n"],
    ['electron/ok.ts', "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n"],
    ['server/ok.ts', "import { ok } from '../shared/result.ts';\nexport const y = ok;\n"],
  ])('allows %s: %s', async (filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });
});
