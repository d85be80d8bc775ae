// The chat page's stylesheet, inlined so the page loads nothing from anywhere (its CSP allows only this).
export const chatPageStyle = `
:root { color-scheme: light dark; --fg: #1d2330; --bg: #f6f7f9; --card: #fff; --muted: #687086;
  --line: #d9dde5; --accent: #2f6fde; --bad: #c62f2f; --good: #1f8a4c; --warn: #b7791f; }
@media (prefers-color-scheme: dark) { :root { --fg: #e3e6ec; --bg: #15181e; --card: #1f232b; --muted: #9aa2b4;
  --line: #343a46; --accent: #6b9bff; --bad: #ff7a7a; --good: #5fd08f; --warn: #e0b050; } }
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: var(--fg); background: var(--bg); }
header { display: flex; gap: .75rem; align-items: center; padding: .6rem 1rem; border-bottom: 1px solid var(--line);
  background: var(--card); }
header h1 { font-size: 1rem; margin: 0; }
#status { color: var(--muted); font-size: .85rem; flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
button { font: inherit; padding: .35rem .8rem; border-radius: 6px; border: 1px solid var(--line);
  background: var(--card); color: var(--fg); cursor: pointer; }
button:disabled { opacity: .5; cursor: default; }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
button.danger { border-color: var(--bad); color: var(--bad); }
main { flex: 1; overflow-y: auto; padding: 1rem; display: flex; flex-direction: column; gap: .6rem; }
.msg { max-width: 52rem; padding: .55rem .8rem; border-radius: 8px; background: var(--card);
  border: 1px solid var(--line); overflow-wrap: anywhere; }
.msg.user { align-self: flex-end; background: var(--accent); color: #fff; border-color: var(--accent); white-space: pre-wrap; }
.msg.streaming { white-space: pre-wrap; }
.msg.error { border-color: var(--bad); color: var(--bad); }
.msg.error b { margin-right: .4rem; }
.md p, .md ul, .md ol, .md pre, .md h3 { margin: .35rem 0; }
.md h3 { font-size: 1rem; }
pre { background: rgba(127,127,127,.12); padding: .5rem; border-radius: 6px; overflow-x: auto;
  white-space: pre-wrap; font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; background: rgba(127,127,127,.12);
  padding: 0 .2rem; border-radius: 4px; }
pre code { background: none; padding: 0; }
details.tool { max-width: 52rem; font-size: .85rem; color: var(--muted); border-left: 3px solid var(--line);
  padding: .1rem .6rem; }
details.tool summary { cursor: pointer; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
details.tool.failed { border-left-color: var(--bad); }
details.tool.done { border-left-color: var(--good); }
.confirm { max-width: 52rem; padding: .6rem .8rem; border: 1px solid var(--warn); border-radius: 8px; background: var(--card); }
.confirm .actions { display: flex; gap: .5rem; margin-top: .4rem; align-items: center; }
.confirm .verdict { color: var(--muted); }
form#composer { display: flex; gap: .5rem; padding: .75rem 1rem; border-top: 1px solid var(--line); background: var(--card); }
textarea { flex: 1; font: inherit; padding: .5rem; border-radius: 6px; border: 1px solid var(--line);
  background: var(--bg); color: var(--fg); resize: vertical; }
form#token-form { margin: auto; max-width: 26rem; padding: 1rem; display: flex; flex-direction: column; gap: .5rem; }
form#token-form input { font: inherit; padding: .45rem; border-radius: 6px; border: 1px solid var(--line); }
.hint { color: var(--muted); font-size: .85rem; }
[hidden] { display: none !important; }
`;
