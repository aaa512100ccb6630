'use client';
import { useDisplayPrefs } from './display-prefs';

const toggle =
  'rounded border border-slate-400 px-2 py-1 text-sm aria-pressed:bg-slate-800 aria-pressed:text-white dark:border-slate-500 dark:aria-pressed:bg-slate-950 dark:aria-pressed:text-slate-100';

/** Buttons that switch dark mode and large type (readable projected on a wall). */
export function DisplayToggles() {
  const [prefs, update] = useDisplayPrefs();
  return (
    <div role="group" aria-label="Display" className="flex gap-2">
      <button type="button" aria-pressed={prefs.dark} className={toggle} onClick={() => update({ dark: !prefs.dark })}>
        Dark mode
      </button>
      <button type="button" aria-pressed={prefs.largeType} className={toggle} onClick={() => update({ largeType: !prefs.largeType })}>
        Large type
      </button>
    </div>
  );
}
