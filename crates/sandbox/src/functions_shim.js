// The sandbox's stand-in for the Twilio Functions runtime: loads one Function file and calls
// `exports.handler(context, event, callback)` the way Twilio does, with `Twilio.Response` and a
// small `Twilio.twiml.VoiceResponse`. Input: one JSON object on stdin
// `{file, context, event}`; output: one JSON object on stdout `{ok, status, headers, body}` or
// `{ok: false, error}`. The Function's console output goes to stderr.
'use strict';
const fs = require('fs');

const out = process.stdout.write.bind(process.stdout);
for (const k of ['log', 'info', 'warn', 'error', 'debug']) {
  console[k] = (...a) => process.stderr.write(a.map(String).join(' ') + '\n');
}

function esc(s) {
  return String(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

class Node {
  constructor(name, attrs, text) {
    this.name = name;
    this.attrs = attrs || {};
    this.text = text;
    this.children = [];
  }
  add(name, attrs, text) {
    if (typeof attrs === 'string') {
      text = attrs;
      attrs = {};
    }
    const n = new Node(name, attrs, text);
    this.children.push(n);
    return n;
  }
  toString() {
    const a = Object.entries(this.attrs)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => ` ${k}="${esc(v)}"`)
      .join('');
    const inner = (this.text !== undefined ? esc(this.text) : '') + this.children.join('');
    return inner === '' ? `<${this.name}${a}/>` : `<${this.name}${a}>${inner}</${this.name}>`;
  }
}

class Dial extends Node {
  number(attrs, n) { this.add('Number', attrs, n); return this; }
  sip(attrs, u) { this.add('Sip', attrs, u); return this; }
  client(attrs, c) { this.add('Client', attrs, c); return this; }
}

class VoiceResponse {
  constructor() { this.root = new Node('Response'); }
  say(attrs, t) { this.root.add('Say', attrs, t); return this; }
  play(attrs, u) { this.root.add('Play', attrs, u); return this; }
  pause(attrs) { this.root.add('Pause', attrs || {}); return this; }
  hangup() { this.root.add('Hangup', {}); return this; }
  reject(attrs) { this.root.add('Reject', attrs || {}); return this; }
  redirect(attrs, u) { this.root.add('Redirect', attrs, u); return this; }
  dial(attrs, n) {
    if (typeof attrs === 'string') { n = attrs; attrs = {}; }
    const d = new Dial('Dial', attrs || {}, n);
    this.root.children.push(d);
    return d;
  }
  toString() { return '<?xml version="1.0" encoding="UTF-8"?>' + this.root.toString(); }
}

class Response {
  constructor() { this.statusCode = 200; this.headers = {}; this.body = undefined; }
  setStatusCode(c) { this.statusCode = c; return this; }
  setBody(b) { this.body = b; return this; }
  appendHeader(k, v) { this.headers[k] = v; return this; }
  setHeaders(h) { this.headers = Object.assign({}, h); return this; }
}

global.Twilio = { Response, twiml: { VoiceResponse } };
global.Runtime = { getFunctions: () => ({}), getAssets: () => ({}), getSync: () => { throw new Error('the sandbox has no Sync'); } };

let done = false;
function finish(v) {
  if (done) return;
  done = true;
  out(JSON.stringify(v));
  process.exit(0);
}

function callback(err, result) {
  if (err) {
    return finish({ ok: true, status: 500, headers: { 'Content-Type': 'text/plain' }, body: String(err && err.message || err) });
  }
  if (result instanceof Response) {
    const b = result.body;
    const isObj = b !== undefined && b !== null && typeof b === 'object';
    const headers = Object.assign(isObj ? { 'Content-Type': 'application/json' } : {}, result.headers);
    return finish({ ok: true, status: result.statusCode, headers, body: isObj ? JSON.stringify(b) : (b === undefined ? '' : String(b)) });
  }
  if (result instanceof VoiceResponse) {
    return finish({ ok: true, status: 200, headers: { 'Content-Type': 'text/xml' }, body: result.toString() });
  }
  if (typeof result === 'string') {
    return finish({ ok: true, status: 200, headers: { 'Content-Type': 'text/plain' }, body: result });
  }
  if (result === undefined || result === null) {
    return finish({ ok: true, status: 200, headers: {}, body: '' });
  }
  return finish({ ok: true, status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(result) });
}

try {
  const input = JSON.parse(fs.readFileSync(0, 'utf8'));
  const mod = require(input.file);
  if (!mod || typeof mod.handler !== 'function') {
    finish({ ok: false, error: 'the Function does not export a handler: write exports.handler = function (context, event, callback) { ... }' });
  }
  const context = Object.assign({}, input.context, {
    getTwilioClient: () => { throw new Error('the sandbox gives Functions no Twilio client'); },
  });
  const r = mod.handler(context, input.event, callback);
  if (r && typeof r.then === 'function') {
    r.catch((e) => finish({ ok: false, error: 'the handler failed: ' + (e && e.stack || e) }));
  }
} catch (e) {
  finish({ ok: false, error: 'the Function threw: ' + (e && e.stack || e) });
}
process.on('exit', () => {
  if (!done) out(JSON.stringify({ ok: false, error: 'the Function ended without calling callback()' }));
});
