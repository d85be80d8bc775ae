// The page's markup: a shell the bundled script (src/web/page/, built by scripts/bundle-web-page.ts)
// fills in. Nothing inline, so the CSP allows scripts and styles from this origin only, with no hash or
// nonce to keep in step.

export const chatPageHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>sre-agent</title>
<link rel="stylesheet" href="/web/page.css">
<script type="module" src="/web/page.js"></script>
</head>
<body>
<noscript>This page needs JavaScript; the API (ADK api_server routes) works without it.</noscript>
<div id="app"></div>
</body>
</html>
`;

/**
 * Scripts and styles from this origin only (no inline code, no 'unsafe-inline'), connections to its own
 * origin, images from it or decoded from artifacts (data:); no frames, forms posting elsewhere, or
 * base-URL tricks.
 */
export const chatPageCsp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
