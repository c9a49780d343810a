// CJK fonts for the label raster. Every glyph is drawn from these files, so a
// name with a rare character (𠮷 U+20BB7, 䶮 U+4DAE) prints exactly as typed.
// The packaged app ships Noto Sans CJK (SIL OFL) under build/resources/fonts;
// the paths are configurable (service option `fontPaths`, env WAYPOST_FONT_PATHS).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';
import { fail, ok, type Result } from '../../../shared/result.ts';

/** Tried in order when no font paths are configured; later files are glyph fallbacks. */
export function defaultFontCandidates(
  resourceDirs: readonly string[] = [path.resolve('build/resources/fonts')],
): string[] {
  const bundled = resourceDirs.flatMap((dir) => [
    path.join(dir, 'NotoSansCJK-Regular.ttc'),
    path.join(dir, 'NotoSansCJK-Bold.ttc'),
  ]);
  return [
    ...bundled,
    // Debian/Ubuntu fonts-noto-cjk, then fonts with wide Extension B coverage.
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
    '/usr/share/fonts/truetype/hanazono/HanaMinA.ttf',
    '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf',
    '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
    // Windows: YaHei for common text, SimSun-ExtB for Extension B names.
    'C:\\Windows\\Fonts\\msyh.ttc',
    'C:\\Windows\\Fonts\\msyhbd.ttc',
    'C:\\Windows\\Fonts\\simsunb.ttf',
    // macOS.
    '/System/Library/Fonts/PingFang.ttc',
    '/System/Library/Fonts/Supplemental/Songti.ttc',
  ];
}

export interface FontSet {
  /** CSS family list for ctx.font, in fallback order. */
  readonly families: string;
  readonly files: readonly string[];
}

const registered = new Map<string, string>();

function aliasFor(file: string): string {
  // A bold file joins the family of its regular twin so `bold` picks real bold.
  const twin = file.replace(/-?Bold/iu, '-Regular').replace(/bd\.ttc$/iu, '.ttc');
  return registered.get(twin) ?? `WaypostFont${registered.size}`;
}

/**
 * Register the fonts (once per process; GlobalFonts is global) and return the
 * family list. Fails when none of the files exists: printing without a CJK font
 * would silently drop every Chinese character.
 */
export function loadFonts(fontPaths?: readonly string[]): Result<FontSet> {
  const fromEnv = process.env.WAYPOST_FONT_PATHS?.split(path.delimiter).filter((p) => p !== '');
  const candidates =
    fontPaths ?? (fromEnv && fromEnv.length > 0 ? fromEnv : defaultFontCandidates());
  const files = candidates.filter((file) => existsSync(file));
  if (files.length === 0) {
    return fail(
      'PRINTER_FONT_MISSING',
      '未找到中文字体，无法打印标签。请安装 Noto Sans CJK 字体或在设置中指定字体路径。',
      'No CJK font found; install Noto Sans CJK or configure font paths.',
    );
  }
  const families: string[] = [];
  for (const file of files) {
    let alias = registered.get(file);
    if (alias === undefined) {
      alias = aliasFor(file);
      if (GlobalFonts.registerFromPath(file, alias) === null) continue;
      registered.set(file, alias);
    }
    if (!families.includes(alias)) families.push(alias);
  }
  if (families.length === 0) {
    return fail('PRINTER_FONT_MISSING', '字体文件无法读取', 'Font files could not be loaded');
  }
  return ok({ families: families.map((f) => `"${f}"`).join(', '), files });
}
