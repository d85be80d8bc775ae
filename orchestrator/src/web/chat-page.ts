import { createHash } from 'node:crypto';
import { chatPageRender } from './chat-page-render.js';
import { chatPageScript } from './chat-page-script.js';
import { chatPageStyle } from './chat-page-style.js';

// One self-contained page: markup, style and script inline, nothing fetched but the API of its own origin.

const script = `(function () {\n'use strict';\n${chatPageRender}\n${chatPageScript}\n})();\n`;

export const chatPageHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>sre-agent</title>
<style>${chatPageStyle}</style>
</head>
<body>
<header>
<h1>sre-agent</h1>
<span id="status">connecting…</span>
<button id="new-chat" type="button">New chat</button>
<button id="forget-token" type="button" hidden>Forget token</button>
</header>
<main id="log" aria-live="polite"></main>
<form id="token-form" hidden>
<label for="token">This sre-agent wants an API token (SRE_API_TOKEN, or a user token made from it).</label>
<input id="token" type="password" autocomplete="off" spellcheck="false">
<button class="primary" type="submit">Use token</button>
<p id="token-error" class="hint"></p>
</form>
<form id="composer" hidden>
<textarea id="input" rows="2" placeholder="Ask about your cluster or your AWS costs (Enter sends, Shift+Enter breaks the line)"></textarea>
<button id="send" class="primary" type="submit">Send</button>
</form>
<script>${script}</script>
</body>
</html>
`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * Only this page's own inline script and style (by hash, so no 'unsafe-inline'), and connections to its
 * own origin; no frames, forms posting elsewhere, or base-URL tricks.
 */
export const chatPageCsp = [
  "default-src 'none'",
  `script-src ${sha256(script)}`,
  `style-src ${sha256(chatPageStyle)}`,
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
