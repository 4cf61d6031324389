// The protocol (protocol.js, a classic script for the content scripts' sake) as named ES
// module exports, for the service worker, the extension pages and Node (tests).
import './protocol.js';

export const {
  SENDER,
  MESSAGE,
  SENDERS,
  FRAME_EVENTS,
  CONTENT_SCRIPTS,
  AUTO_SCRIPTS,
  HISTORY_FRAME,
  THEMES,
  TEXT_SIZES,
  WIDTHS,
  COPY_FORMATS,
  FONT_FAMILIES,
  LINE_HEIGHTS,
  LISTEN_RATES,
  SUMMARY_STATES,
  PANEL_SETTINGS,
  THEME_COLOURS,
  themeRules,
} = globalThis.PithProtocol;
