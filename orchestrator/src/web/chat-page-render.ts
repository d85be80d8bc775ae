// Browser code (plain ES2020, inlined into the page): renders ADK events into the chat log with DOM
// APIs only. Untrusted text (the model's, tools', the user's) is only ever set through textContent; the
// tiny Markdown subset (fences, headings, lists, **bold**, *em*, `code`, http(s) links) builds elements.
// \x60 is a backtick: the page's code lives in a template literal.
export const chatPageRender = String.raw`
var log = document.getElementById('log');
var toolRows = {};
var confirmCards = {};
var streaming = {};

function el(tag, className, text) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function append(node) {
  var nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  log.appendChild(node);
  if (nearBottom) log.scrollTop = log.scrollHeight;
  return node;
}

function clearLog() {
  log.replaceChildren();
  toolRows = {};
  confirmCards = {};
  streaming = {};
}

function inline(parent, text) {
  var pattern = /(\x60[^\x60\n]+\x60)|\*\*([^*\n]+)\*\*|\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)|\*([^*\s][^*\n]*)\*/g;
  var last = 0;
  var match;
  while ((match = pattern.exec(text)) !== null) {
    if (match.index > last) parent.appendChild(document.createTextNode(text.slice(last, match.index)));
    if (match[1]) parent.appendChild(el('code', '', match[1].slice(1, -1)));
    else if (match[2]) parent.appendChild(el('strong', '', match[2]));
    else if (match[3]) {
      var link = el('a', '', match[3]);
      link.href = match[4];
      link.rel = 'noopener noreferrer';
      link.target = '_blank';
      parent.appendChild(link);
    } else parent.appendChild(el('em', '', match[5]));
    last = pattern.lastIndex;
  }
  if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
}

function markdown(text) {
  var root = el('div', 'md');
  var lines = text.split('\n');
  var block = null;
  for (var i = 0; i < lines.length; i++) {
    var line = lines[i];
    if (/^\s*\x60\x60\x60/.test(line)) {
      var code = [];
      for (i++; i < lines.length && !/^\s*\x60\x60\x60/.test(lines[i]); i++) code.push(lines[i]);
      var pre = el('pre');
      pre.appendChild(el('code', '', code.join('\n')));
      root.appendChild(pre);
      block = null;
      continue;
    }
    var heading = /^#{1,6}\s+(.*)$/.exec(line);
    var item = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (heading) {
      var h = el('h3');
      inline(h, heading[1]);
      root.appendChild(h);
      block = null;
    } else if (item) {
      var tag = /\d/.test(item[1]) ? 'ol' : 'ul';
      if (!block || block.tagName.toLowerCase() !== tag) block = root.appendChild(el(tag));
      var li = el('li');
      inline(li, item[2]);
      block.appendChild(li);
    } else if (line.trim() === '') {
      block = null;
    } else {
      if (!block || block.tagName.toLowerCase() !== 'p') block = root.appendChild(el('p'));
      else block.appendChild(el('br'));
      inline(block, line);
    }
  }
  return root;
}

function short(value, max) {
  var text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text.length <= max) return text;
  // Cut between code points: half an emoji shows as a replacement box.
  var end = max - 1;
  var code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end) + '\u2026';
}

function renderUser(text) {
  append(el('div', 'msg user', text));
}

function renderError(code, message) {
  var box = el('div', 'msg error');
  box.appendChild(el('b', '', code));
  box.appendChild(document.createTextNode(message));
  append(box);
}

function renderPartial(id, text) {
  var bubble = streaming[id];
  if (!bubble) bubble = streaming[id] = append(el('div', 'msg streaming', ''));
  bubble.textContent += text;
}

function renderText(id, text) {
  var bubble = el('div', 'msg');
  bubble.appendChild(markdown(text));
  if (streaming[id]) {
    streaming[id].replaceWith(bubble);
    delete streaming[id];
  } else append(bubble);
}

function renderToolCall(call) {
  var row = el('details', 'tool');
  var summary = el('summary', '', '\u2699 ' + call.name + ' ' + short(call.args || {}, 90));
  row.appendChild(summary);
  row.appendChild(el('pre', '', JSON.stringify(call.args || {}, null, 2)));
  row.appendChild(el('div', 'hint', 'running\u2026'));
  if (call.id) toolRows[call.id] = row;
  append(row);
}

function renderToolResult(response) {
  var row = response.id && toolRows[response.id];
  if (!row) {
    row = append(el('details', 'tool'));
    row.appendChild(el('summary', '', '\u2699 ' + response.name));
    row.appendChild(el('div'));
  }
  var body = response.response || {};
  var failed = body.error !== undefined;
  var text = failed ? body.error : body.result !== undefined ? body.result : body;
  row.className = 'tool ' + (failed ? 'failed' : 'done');
  row.lastChild.replaceWith(el('pre', '', typeof text === 'string' ? text : JSON.stringify(text, null, 2)));
  row.firstChild.textContent += failed ? '  \u2717 failed' : '  \u2713';
}
`;
