// Keyboard-first work: F-key hotkeys for the main actions and Enter moving to the next field.
import { useEffect, useRef } from 'react';

export type HotkeyMap = Partial<Record<'F2' | 'F3' | 'F4' | 'F8' | 'Escape', () => void>>;

/** Window-level hotkeys while the calling screen is mounted (and `enabled`). */
export function useHotkeys(map: HotkeyMap, enabled = true): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.isComposing) return;
      const key = event.key as keyof HotkeyMap;
      const action = ref.current[key];
      if (!action) return;
      // Esc inside an open dropdown or dialog belongs to that widget.
      if (key === 'Escape' && document.querySelector('.ant-modal-wrap, .ant-select-open')) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

const FIELD_SELECTOR = [
  // Radios and checkboxes (priority, payment, options) are reached with Tab or a click.
  'input:not([type=hidden]):not([type=file]):not([type=radio]):not([type=checkbox]):not([disabled]):not([readonly])',
  'textarea:not([disabled])',
  '[data-enter-target]:not([disabled])',
].join(',');

/** Moves focus to the next data-entry field inside `container` after `from`. */
export function focusNextField(container: HTMLElement, from: Element): boolean {
  const fields = [...container.querySelectorAll<HTMLElement>(FIELD_SELECTOR)].filter(
    (el) => el.offsetParent !== null && !el.closest('[data-enter-skip]'),
  );
  const index = fields.findIndex((el) => el === from || el.contains(from));
  const next = fields[index + 1];
  if (!next) return false;
  next.focus();
  if (next instanceof HTMLInputElement && next.type === 'text') next.select();
  return true;
}

/**
 * onKeyDown for a form container: Enter in a single-line field moves to the next field
 * (not while an IME is composing, not inside an open dropdown, not on buttons or textareas).
 */
export function enterMovesNext(event: React.KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'Enter' || event.nativeEvent.isComposing || event.defaultPrevented) return;
  const target = event.target;
  if (!(target instanceof HTMLInputElement)) return;
  if (target.getAttribute('aria-expanded') === 'true') return;
  if (target.type === 'checkbox' || target.type === 'radio') return;
  if (focusNextField(event.currentTarget, target)) event.preventDefault();
}
