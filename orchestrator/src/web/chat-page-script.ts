// Browser code (plain ES2020, inlined after chatPageRender): talks to the ADK API of the same origin.
// A session per browser (its id kept in localStorage), turns over /run_sse with streaming, confirmations
// answered with a functionResponse, and a bearer token asked for when the API answers 401.
export const chatPageScript = String.raw`
var APP = 'sre_agent';
var CONFIRM = 'adk_request_confirmation';
var saved = window.localStorage;
var state = { token: saved.getItem('sre.token') || '', userId: '', sessionId: saved.getItem('sre.sessionId') || '', busy: false };
var input = document.getElementById('input');
var sendButton = document.getElementById('send');
var statusLine = document.getElementById('status');
var tokenForm = document.getElementById('token-form');
var composer = document.getElementById('composer');

function api(method, path, body) {
  var headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (state.token) headers.Authorization = 'Bearer ' + state.token;
  return fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

function sessionsPath() {
  return '/apps/' + APP + '/users/' + encodeURIComponent(state.userId) + '/sessions';
}

// A user token (sreu_<base64url user>.<mac>) only reaches its own user's sessions, so it names the user.
function userIdFor(token) {
  var match = /^sreu_([A-Za-z0-9_-]+)\./.exec(token);
  if (match) {
    try {
      var binary = atob(match[1].replace(/-/g, '+').replace(/_/g, '/'));
      return new TextDecoder().decode(Uint8Array.from(binary, function (c) { return c.charCodeAt(0); }));
    } catch (error) { /* not a user token after all */ }
  }
  var id = saved.getItem('sre.userId');
  if (!id) {
    id = 'web_' + Math.random().toString(36).slice(2, 10);
    saved.setItem('sre.userId', id);
  }
  return id;
}

function setStatus(text) { statusLine.textContent = text; }

function setBusy(busy) {
  state.busy = busy;
  sendButton.disabled = busy;
  document.querySelectorAll('.confirm button').forEach(function (button) {
    if (busy) button.disabled = true;
    else if (!button.closest('.answered')) button.disabled = false;
  });
}

function askToken(message) {
  composer.hidden = true;
  tokenForm.hidden = false;
  document.getElementById('token-error').textContent = message;
  document.getElementById('token').focus();
}

async function detail(response) {
  try {
    var body = await response.json();
    return typeof body.detail === 'string' ? body.detail : JSON.stringify(body.detail);
  } catch (error) { return response.statusText; }
}

async function start() {
  var response = await api('GET', '/list-apps');
  if (response.status === 401) return askToken(state.token ? 'That token was refused.' : '');
  if (!response.ok) return renderError('HTTP ' + response.status, await detail(response));
  tokenForm.hidden = true;
  composer.hidden = false;
  document.getElementById('forget-token').hidden = !state.token;
  state.userId = userIdFor(state.token);
  if (state.sessionId && (await resume())) return;
  await newSession();
}

async function resume() {
  var response = await api('GET', sessionsPath() + '/' + encodeURIComponent(state.sessionId));
  if (!response.ok) return false;
  var session = await response.json();
  clearLog();
  session.events.forEach(renderEvent);
  setStatus('session ' + session.id + ' \u00b7 ' + state.userId);
  return true;
}

async function newSession() {
  var response = await api('POST', sessionsPath(), { state: { source: 'web' } });
  if (response.status === 401) return askToken('The API asks for a token.');
  if (!response.ok) return renderError('HTTP ' + response.status, await detail(response));
  var session = await response.json();
  state.sessionId = session.id;
  saved.setItem('sre.sessionId', session.id);
  clearLog();
  setStatus('session ' + session.id + ' \u00b7 ' + state.userId);
  input.focus();
}

function renderEvent(event) {
  var parts = (event.content && event.content.parts) || [];
  parts.forEach(function (part) {
    if (part.functionResponse && part.functionResponse.name === CONFIRM) markAnswered(part.functionResponse);
    else if (part.functionResponse) renderToolResult(part.functionResponse);
    else if (event.author === 'user' && part.text) renderUser(part.text);
    // Only the runner's own requests (listed in longRunningToolIds) get buttons; one the model
    // wrote itself is shown as the plain call it is.
    else if (part.functionCall && part.functionCall.name === CONFIRM && isPending(event, part.functionCall)) renderConfirmation(part.functionCall);
    else if (part.functionCall) renderToolCall(part.functionCall);
    // Keyed by invocation: each partial event has its own id (as in ADK), and the final one replaces them.
    else if (part.text && !part.thought && event.partial) renderPartial(event.invocationId, part.text);
    else if (part.text && !part.thought) renderText(event.invocationId, part.text);
  });
  if (event.errorCode || event.errorMessage) renderError(event.errorCode || 'ERROR', event.errorMessage || '');
}

function isPending(event, call) {
  return (event.longRunningToolIds || []).indexOf(call.id) >= 0;
}

function renderConfirmation(call) {
  var args = call.args || {};
  var original = args.originalFunctionCall || {};
  var hint = ((args.toolConfirmation && args.toolConfirmation.hint) || '').split(' Approve or reject it by answering')[0];
  var card = el('div', 'confirm');
  card.appendChild(el('strong', '', 'Approval needed: ' + (original.name || 'a tool')));
  card.appendChild(el('pre', '', JSON.stringify(original.args || {}, null, 2)));
  if (hint) card.appendChild(el('div', 'hint', hint));
  var actions = card.appendChild(el('div', 'actions'));
  var approve = actions.appendChild(el('button', 'primary', 'Approve'));
  var deny = actions.appendChild(el('button', 'danger', 'Deny'));
  approve.onclick = function () { answer(call.id, true); };
  deny.onclick = function () { answer(call.id, false); };
  confirmCards[call.id] = card;
  append(card);
}

function markAnswered(response) {
  var card = confirmCards[response.id];
  if (!card) return;
  var confirmed = response.response && response.response.confirmed === true;
  card.classList.add('answered');
  card.querySelectorAll('button').forEach(function (button) { button.disabled = true; });
  card.querySelector('.actions').appendChild(el('span', 'verdict', confirmed ? 'Approved' : 'Denied'));
}

function answer(id, confirmed) {
  var response = { id: id, name: CONFIRM, response: { confirmed: confirmed } };
  markAnswered(response);
  send([{ functionResponse: response }]);
}

async function send(parts) {
  if (state.busy) return;
  setBusy(true);
  try {
    var response = await api('POST', '/run_sse', {
      app_name: APP, user_id: state.userId, session_id: state.sessionId,
      new_message: { role: 'user', parts: parts }, streaming: true,
    });
    if (response.status === 401) return askToken('The token was refused.');
    if (!response.ok) return renderError('HTTP ' + response.status, await detail(response));
    await readFrames(response.body);
  } catch (error) {
    renderError('NETWORK', String((error && error.message) || error));
  } finally {
    setBusy(false);
  }
}

async function readFrames(body) {
  var reader = body.getReader();
  var decoder = new TextDecoder();
  var buffer = '';
  for (;;) {
    var chunk = await reader.read();
    if (chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    var frames = buffer.split(/\r?\n\r?\n/);
    buffer = frames.pop();
    frames.forEach(onFrame);
  }
}

function onFrame(frame) {
  var data = frame.split(/\r?\n/).filter(function (line) { return line.indexOf('data:') === 0; })
    .map(function (line) { return line.slice(5).replace(/^ /, ''); }).join('\n');
  if (!data) return;
  var event = JSON.parse(data);
  if (event.error) renderError('STREAM', event.error + (event.requestId ? ' (request ' + event.requestId + ')' : ''));
  else renderEvent(event);
}

composer.addEventListener('submit', function (submit) {
  submit.preventDefault();
  var text = input.value.trim();
  if (!text || state.busy) return;
  input.value = '';
  renderUser(text);
  send([{ text: text }]);
});
input.addEventListener('keydown', function (key) {
  if (key.key === 'Enter' && !key.shiftKey) { key.preventDefault(); composer.requestSubmit(); }
});
tokenForm.addEventListener('submit', function (submit) {
  submit.preventDefault();
  state.token = document.getElementById('token').value.trim();
  saved.setItem('sre.token', state.token);
  start();
});
document.getElementById('new-chat').addEventListener('click', function () { if (!state.busy) newSession(); });
document.getElementById('forget-token').addEventListener('click', function () {
  saved.removeItem('sre.token');
  state.token = '';
  start();
});
start().catch(function (error) { renderError('NETWORK', String((error && error.message) || error)); });
`;
