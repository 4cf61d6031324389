// The reader's theme on the extension's own pages (options, history): the panel's colours
// (shared/protocol.js, each pair WCAG AA), chosen in the panel and followed live.
import { THEMES, themeRules } from './protocol-module.js';
import { loadSettings, onSettingsChanged } from './settings.js';

/** Gives this page the reader's theme now and whenever it changes; resolves once applied. */
export async function followTheme() {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(themeRules(':root'));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const apply = ({ theme }) => {
    document.documentElement.dataset.theme = THEMES.includes(theme) ? theme : 'auto';
  };
  onSettingsChanged(apply);
  apply(await loadSettings().catch(() => ({ theme: 'auto' })));
}
