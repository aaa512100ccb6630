// Applies the visitor's display preferences (dark mode, large type) before the
// first paint, on every page of every party. Kept as a file (not inline) so a
// Content-Security-Policy of script-src 'self' allows it. Mirrors
// components/timeline/display-prefs.ts: with no saved choice, dark mode
// follows the system's prefers-color-scheme.
(function () {
  var p = {};
  try {
    p = JSON.parse(localStorage.getItem('oauth-sandbox-display') || '{}') || {};
  } catch (e) {
    p = {};
  }
  var dark = typeof p.dark === 'boolean' ? p.dark : !!(window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
  var d = document.documentElement;
  d.classList.toggle('dark', dark);
  d.classList.toggle('large-type', p.largeType === true);
  d.style.colorScheme = dark ? 'dark' : 'light';
})();
