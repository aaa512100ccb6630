'use client';
import { useCallback, useEffect, useState } from 'react';

/**
 * Dark mode and large type (for a projector), kept per browser and applied as
 * classes on <html>. A site-wide preference: public/display-prefs.js applies
 * it before the first paint in every party's root layout (components/root-document.tsx);
 * this hook keeps the toggles in step and saves a change.
 */
interface DisplayPrefs {
  dark: boolean;
  largeType: boolean;
}

const DISPLAY_PREFS_KEY = 'oauth-sandbox-display';

/** The saved choice; with none, dark mode follows the system (as public/display-prefs.js does). */
function read(): DisplayPrefs {
  const systemDark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  try {
    const v = JSON.parse(localStorage.getItem(DISPLAY_PREFS_KEY) ?? '{}') as Partial<DisplayPrefs> | null;
    return { dark: typeof v?.dark === 'boolean' ? v.dark : systemDark, largeType: v?.largeType === true };
  } catch {
    return { dark: systemDark, largeType: false };
  }
}

function apply(p: DisplayPrefs) {
  document.documentElement.classList.toggle('dark', p.dark);
  document.documentElement.classList.toggle('large-type', p.largeType);
  document.documentElement.style.colorScheme = p.dark ? 'dark' : 'light';
}

export function useDisplayPrefs(): [DisplayPrefs, (change: Partial<DisplayPrefs>) => void] {
  const [prefs, setPrefs] = useState<DisplayPrefs>({ dark: false, largeType: false });
  useEffect(() => {
    const p = read();
    setPrefs(p);
    apply(p);
  }, []);
  const update = useCallback((change: Partial<DisplayPrefs>) => {
    setPrefs((cur) => {
      const next = { ...cur, ...change };
      try {
        localStorage.setItem(DISPLAY_PREFS_KEY, JSON.stringify(next));
      } catch {
        /* private mode: the classes still apply for this page */
      }
      apply(next);
      return next;
    });
  }, []);
  return [prefs, update];
}
