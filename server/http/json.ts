// Strict JSON bodies: invalid UTF-8, lone surrogates, NUL characters and prototype-polluting
// keys are refused with 400 — never silently stripped, because a stripped document would be
// stored differently from what the clerk saved.
import { httpError, type HttpError } from './errors.ts';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const decoder = new TextDecoder('utf-8', { fatal: true });
// In a `u` regex a valid surrogate pair is one code point, so \p{Cs} matches only lone halves.
const LONE_SURROGATE = /\p{Cs}/u;
// PostgreSQL text and jsonb cannot hold U+0000: refuse it here rather than fail at the database.
const NUL = '\u0000';

function problemWith(key: string, value: unknown): HttpError | null {
  if (FORBIDDEN_KEYS.has(key)) {
    return httpError(400, 'FORBIDDEN_KEY', `不允许的字段名：${key}`, `Forbidden key: ${key}`, key);
  }
  for (const text of typeof value === 'string' ? [key, value] : [key]) {
    if (LONE_SURROGATE.test(text)) {
      return badText(
        '文本中含有无效的 Unicode 字符',
        'Text contains invalid Unicode (a lone surrogate)',
      );
    }
    if (text.includes(NUL)) {
      return badText('文本中含有空字符（U+0000）', 'Text contains a NUL character (U+0000)');
    }
  }
  return null;
}

export function parseStrictJson(body: Buffer): unknown {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    throw badText('请求内容不是有效的 UTF-8 文本', 'The body is not valid UTF-8');
  }
  if (text.trim() === '') throw badJson();
  let problem: HttpError | null = null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (key: string, value: unknown) => {
      problem ??= problemWith(key, value);
      return value;
    });
  } catch (error) {
    if (error instanceof RangeError) {
      throw httpError(400, 'JSON_TOO_DEEP', '请求内容嵌套过深', 'The body is nested too deeply');
    }
    throw badJson();
  }
  if (problem) throw problem;
  return parsed;
}

const badJson = (): HttpError =>
  httpError(400, 'BAD_JSON', '请求内容不是有效的 JSON', 'The body is not valid JSON');
const badText = (message: string, messageEn: string): HttpError =>
  httpError(400, 'BAD_TEXT', message, messageEn);
