'use client';
import { useCallback, useEffect, useState } from 'react';

/** Dark mode and large type (for a projector), kept per browser and applied as classes on <html>. */
export interface DisplayPrefs {
  dark: boolean;
  largeType: boolean;
}

const KEY = 'oauth-sandbox-display';

function read(): DisplayPrefs {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<DisplayPrefs>;
    return { dark: v.dark === true, largeType: v.largeType === true };
  } catch {
    return { dark: false, largeType: false };
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
        localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        /* private mode: the classes still apply for this page */
      }
      apply(next);
      return next;
    });
  }, []);
  return [prefs, update];
}
