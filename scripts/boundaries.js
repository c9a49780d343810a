// @ts-check
// The process boundaries of DESIGN.md, as ESLint rules:
//   shared/   imports nothing from Node, Electron, the DOM or the other parts;
//   renderer/, electron/, server/ never import each other.
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.flatMap((m) => [m, `${m}/*`, `node:${m}`, `node:${m}/*`]);
const part = (name) => [`**/${name}/**`, `../${name}`, `../../${name}`, `../../../${name}`];

/** @param {string[]} parts @param {string[]} extra @param {string} why */
const restrict = (parts, extra, why) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: parts.flatMap(part), message: why },
        ...(extra.length ? [{ group: extra, message: why }] : []),
      ],
    },
  ],
});

const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'indexedDB', 'location'];

/** @type {import('eslint').Linter.Config[]} */
export const boundaryRules = [
  {
    files: ['shared/**/*.{ts,tsx,js}'],
    rules: {
      ...restrict(
        ['renderer', 'electron', 'server'],
        [...nodeBuiltins, 'electron', 'electron/*', 'react', 'react-dom', 'react/*'],
        'shared/ is pure: no Node, Electron, DOM or other parts (DESIGN.md "Parts and layout").',
      ),
      'no-restricted-globals': [
        'error',
        ...[...domGlobals, 'process', 'Buffer', 'require', '__dirname'].map((name) => ({
          name,
          message: 'shared/ is pure: no Node or DOM globals.',
        })),
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx,js}'],
    ignores: ['renderer/vite.config.ts'],
    rules: restrict(
      ['electron', 'server'],
      [...nodeBuiltins, 'electron', 'electron/*'],
      'renderer/ talks to the host only through the shared host contract.',
    ),
  },
  {
    files: ['electron/**/*.{ts,tsx,js}'],
    rules: restrict(['renderer', 'server'], [], 'electron/ never imports renderer/ or server/.'),
  },
  {
    files: ['server/**/*.{ts,tsx,js}'],
    rules: restrict(
      ['renderer', 'electron'],
      ['electron', 'electron/*'],
      'server/ never imports renderer/ or electron/.',
    ),
  },
];
