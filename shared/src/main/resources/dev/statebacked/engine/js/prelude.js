// The web-standards-like environment machine code runs in.
// Evaluated once per context before any module. `__host` is a small set of Java functions (ProxyExecutable)
// that this script captures and then removes from the global scope, so user code never sees it.
(function (host) {
  "use strict";
  const G = globalThis;
  delete G.__host;
  // No host (Java) interop and no engine internals for user code.
  for (const name of ["Java", "Polyglot", "Graal", "load", "loadWithNewGlobal", "print", "printErr", "quit", "read", "readbuffer", "readline", "console"]) {
    try { delete G[name]; } catch (e) { /* not configurable */ }
  }

  const define = (name, value) => Object.defineProperty(G, name, { value, writable: true, configurable: true, enumerable: false });

  // ---------- base64 / binary helpers ----------
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const B64_INDEX = new Int16Array(256).fill(-1);
  for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

  function bytesToBase64(bytes) {
    let out = "";
    let i = 0;
    for (; i + 2 < bytes.length; i += 3) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
    }
    if (i < bytes.length) {
      const n = (bytes[i] << 16) | ((i + 1 < bytes.length ? bytes[i + 1] : 0) << 8);
      out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : "=") + "=";
    }
    return out;
  }

  function base64ToBytes(s) {
    s = String(s).replace(/[\t\n\f\r ]+/g, "");
    if (s.length % 4 === 0) s = s.replace(/==?$/, "");
    if (s.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(s)) {
      throw new DOMException("The string to be decoded is not correctly encoded.", "InvalidCharacterError");
    }
    const out = new Uint8Array(Math.floor((s.length * 3) / 4));
    let buffer = 0, bits = 0, o = 0;
    for (let i = 0; i < s.length; i++) {
      buffer = (buffer << 6) | B64_INDEX[s.charCodeAt(i)];
      bits += 6;
      if (bits >= 8) { bits -= 8; out[o++] = (buffer >> bits) & 255; }
    }
    return out;
  }

  function toBytes(data) {
    if (data instanceof Uint8Array) return data;
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (typeof data === "string") return new TextEncoder().encode(data);
    throw new TypeError("Expected a BufferSource or string");
  }

  class DOMException extends Error {
    constructor(message = "", name = "Error") { super(message); this.name = name; }
  }
  define("DOMException", DOMException);

  define("btoa", function btoa(s) {
    s = String(s);
    const bytes = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 255) throw new DOMException("The string to be encoded contains characters outside of the Latin1 range.", "InvalidCharacterError");
      bytes[i] = c;
    }
    return bytesToBase64(bytes);
  });
  define("atob", function atob(s) {
    const bytes = base64ToBytes(s);
    let out = "";
    for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    return out;
  });

  // ---------- TextEncoder / TextDecoder (UTF-8 only, as on the web) ----------
  class TextEncoder {
    get encoding() { return "utf-8"; }
    encode(input = "") {
      const s = String(input);
      const out = [];
      for (let i = 0; i < s.length; i++) {
        let c = s.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
          const d = s.charCodeAt(i + 1);
          if (d >= 0xdc00 && d <= 0xdfff) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); i++; } else c = 0xfffd;
        } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
        if (c < 0x80) out.push(c);
        else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
        else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
        else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      }
      return new Uint8Array(out);
    }
    encodeInto(input, dest) {
      const bytes = this.encode(input);
      const n = Math.min(bytes.length, dest.length);
      dest.set(bytes.subarray(0, n));
      return { read: String(input).length, written: n };
    }
  }
  class TextDecoder {
    constructor(label = "utf-8", options = {}) {
      const l = String(label).toLowerCase();
      if (l !== "utf-8" && l !== "utf8" && l !== "unicode-1-1-utf-8") throw new RangeError("Only utf-8 is supported, got " + label);
      this.fatal = !!options.fatal;
      this.ignoreBOM = !!options.ignoreBOM;
    }
    get encoding() { return "utf-8"; }
    decode(input) {
      if (input === undefined) return "";
      const b = toBytes(input);
      let out = "";
      let chunk = [];
      const bad = () => { if (this.fatal) throw new TypeError("The encoded data was not valid utf-8"); return 0xfffd; };
      let i = 0;
      if (!this.ignoreBOM && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) i = 3;
      for (; i < b.length;) {
        const c = b[i];
        let cp, n = 0;
        if (c < 0x80) { cp = c; n = 1; }
        else if (c >= 0xc2 && c < 0xe0 && (b[i + 1] & 0xc0) === 0x80) { cp = ((c & 31) << 6) | (b[i + 1] & 63); n = 2; }
        else if (c >= 0xe0 && c < 0xf0 && (b[i + 1] & 0xc0) === 0x80 && (b[i + 2] & 0xc0) === 0x80) {
          cp = ((c & 15) << 12) | ((b[i + 1] & 63) << 6) | (b[i + 2] & 63); n = 3;
          if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) { cp = bad(); n = 1; }
        } else if (c >= 0xf0 && c < 0xf5 && (b[i + 1] & 0xc0) === 0x80 && (b[i + 2] & 0xc0) === 0x80 && (b[i + 3] & 0xc0) === 0x80) {
          cp = ((c & 7) << 18) | ((b[i + 1] & 63) << 12) | ((b[i + 2] & 63) << 6) | (b[i + 3] & 63); n = 4;
          if (cp < 0x10000 || cp > 0x10ffff) { cp = bad(); n = 1; }
        } else { cp = bad(); n = 1; }
        i += n;
        if (cp >= 0x10000) { cp -= 0x10000; chunk.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 1023)); }
        else chunk.push(cp);
        if (chunk.length > 8000) { out += String.fromCharCode.apply(null, chunk); chunk = []; }
      }
      return out + String.fromCharCode.apply(null, chunk);
    }
  }
  define("TextEncoder", TextEncoder);
  define("TextDecoder", TextDecoder);

  // ---------- console: captured as log records by the host ----------
  function formatArg(a) {
    if (typeof a === "string") return a;
    if (a instanceof Error) return a.stack || String(a);
    if (a === undefined) return "undefined";
    if (typeof a === "function") return "[Function " + (a.name || "anonymous") + "]";
    if (typeof a === "bigint" || typeof a === "symbol") return String(a);
    try { const s = JSON.stringify(a); return s === undefined ? String(a) : s; } catch (e) { return String(a); }
  }
  const consoleObject = {};
  for (const [method, level] of [["log", "info"], ["info", "info"], ["debug", "debug"], ["trace", "debug"], ["warn", "warn"], ["error", "error"]]) {
    consoleObject[method] = function (...args) { host.log(level, args.map(formatArg).join(" ")); };
  }
  consoleObject.assert = function (cond, ...args) { if (!cond) host.log("error", "Assertion failed" + (args.length ? ": " + args.map(formatArg).join(" ") : "")); };
  consoleObject.table = consoleObject.dir = consoleObject.log;
  define("console", consoleObject);

  // ---------- process: only NODE_ENV, so libraries take their production paths ----------
  define("process", Object.freeze({ env: Object.freeze({ NODE_ENV: "production" }) }));

  // ---------- timers: a JS-side table the host's event loop drives (no threads) ----------
  let nextTimerId = 1;
  let timerSeq = 0;
  const timers = new Map();
  function addTimer(fn, ms, args, repeat) {
    if (typeof fn !== "function") throw new TypeError("Timer callback must be a function");
    const id = nextTimerId++;
    const delay = Math.max(0, Number(ms) || 0);
    timers.set(id, { fn, args, delay, repeat, due: Date.now() + delay, seq: timerSeq++ });
    return id;
  }
  define("setTimeout", (fn, ms, ...args) => addTimer(fn, ms, args, false));
  define("setInterval", (fn, ms, ...args) => addTimer(fn, Math.max(1, Number(ms) || 0), args, true));
  define("clearTimeout", (id) => { timers.delete(id); });
  define("clearInterval", (id) => { timers.delete(id); });
  define("queueMicrotask", (fn) => { Promise.resolve().then(() => fn()); });

  // ---------- crypto ----------
  const HASHES = { "SHA-1": "SHA-1", "SHA-256": "SHA-256", "SHA-384": "SHA-384", "SHA-512": "SHA-512" };
  function hashName(alg) {
    const name = typeof alg === "string" ? alg : alg && (alg.name || (alg.hash && hashName(alg.hash)));
    const normalized = name && HASHES[String(name).toUpperCase()];
    if (!normalized) throw new DOMException("Unrecognized algorithm name " + name, "NotSupportedError");
    return normalized;
  }
  class CryptoKey {
    constructor(algorithm, extractable, usages, raw) {
      this.type = "secret"; this.algorithm = algorithm; this.extractable = extractable; this.usages = usages;
      Object.defineProperty(this, "_raw", { value: raw, enumerable: false });
    }
  }
  const subtle = {
    async digest(alg, data) {
      return base64ToBytes(host.digest(hashName(alg), bytesToBase64(toBytes(data)))).buffer;
    },
    async importKey(format, keyData, algorithm, extractable, usages) {
      if (format !== "raw") throw new DOMException("Only raw keys are supported", "NotSupportedError");
      const name = typeof algorithm === "string" ? algorithm : algorithm.name;
      if (String(name).toUpperCase() !== "HMAC") throw new DOMException("Only HMAC keys are supported", "NotSupportedError");
      const hash = hashName(algorithm.hash);
      return new CryptoKey({ name: "HMAC", hash: { name: hash } }, !!extractable, usages || [], bytesToBase64(toBytes(keyData)));
    },
    async exportKey(format, key) {
      if (format !== "raw" || !key.extractable) throw new DOMException("Key is not extractable", "InvalidAccessError");
      return base64ToBytes(key._raw).buffer;
    },
    async sign(alg, key, data) {
      if (!(key instanceof CryptoKey)) throw new TypeError("key must be a CryptoKey");
      return base64ToBytes(host.hmac(key.algorithm.hash.name, key._raw, bytesToBase64(toBytes(data)))).buffer;
    },
    async verify(alg, key, signature, data) {
      const expected = new Uint8Array(await subtle.sign(alg, key, data));
      const actual = toBytes(signature);
      if (expected.length !== actual.length) return false;
      let diff = 0;
      for (let i = 0; i < expected.length; i++) diff |= expected[i] ^ actual[i];
      return diff === 0;
    },
  };
  define("crypto", Object.freeze({
    randomUUID: () => host.randomUUID(),
    getRandomValues(array) {
      if (!ArrayBuffer.isView(array) || array instanceof Float32Array || array instanceof Float64Array) throw new TypeError("Expected an integer TypedArray");
      if (array.byteLength > 65536) throw new DOMException("The ArrayBufferView's byte length exceeds 65536", "QuotaExceededError");
      new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(base64ToBytes(host.randomBytes(array.byteLength)));
      return array;
    },
    subtle: Object.freeze(subtle),
  }));
  define("CryptoKey", CryptoKey);

  // ---------- structuredClone ----------
  define("structuredClone", function structuredClone(value) {
    const seen = new Map();
    const clone = (v) => {
      if (v === null || typeof v !== "object") {
        if (typeof v === "function" || typeof v === "symbol") throw new DOMException("could not be cloned", "DataCloneError");
        return v;
      }
      if (seen.has(v)) return seen.get(v);
      let out;
      if (Array.isArray(v)) { out = []; seen.set(v, out); v.forEach((x, i) => { out[i] = clone(x); }); return out; }
      if (v instanceof Date) out = new Date(v.getTime());
      else if (v instanceof RegExp) out = new RegExp(v.source, v.flags);
      else if (v instanceof Map) { out = new Map(); seen.set(v, out); v.forEach((x, k) => out.set(clone(k), clone(x))); return out; }
      else if (v instanceof Set) { out = new Set(); seen.set(v, out); v.forEach((x) => out.add(clone(x))); return out; }
      else if (v instanceof ArrayBuffer) out = v.slice(0);
      else if (ArrayBuffer.isView(v)) out = new v.constructor(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
      else if (v instanceof Error) { out = new v.constructor(v.message); out.stack = v.stack; }
      else {
        out = {};
        seen.set(v, out);
        for (const k of Object.keys(v)) out[k] = clone(v[k]);
        return out;
      }
      seen.set(v, out);
      return out;
    };
    return clone(value);
  });

  // ---------- URLSearchParams / URL (the common subset of WHATWG URL) ----------
  const encodeParam = (s) => encodeURIComponent(s).replace(/%20/g, "+").replace(/[!'()~]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
  const decodeParam = (s) => { try { return decodeURIComponent(s.replace(/\+/g, " ")); } catch (e) { return s; } };
  class URLSearchParams {
    constructor(init = "") {
      this._list = [];
      this._url = null;
      if (typeof init === "string") this._parse(init);
      else if (init instanceof URLSearchParams) this._list = init._list.map(([k, v]) => [k, v]);
      else if (init && typeof init[Symbol.iterator] === "function") for (const [k, v] of init) this._list.push([String(k), String(v)]);
      else if (init && typeof init === "object") for (const k of Object.keys(init)) this._list.push([k, String(init[k])]);
    }
    _parse(s) {
      this._list = [];
      if (s.startsWith("?")) s = s.slice(1);
      for (const part of s.split("&")) {
        if (!part) continue;
        const i = part.indexOf("=");
        this._list.push(i < 0 ? [decodeParam(part), ""] : [decodeParam(part.slice(0, i)), decodeParam(part.slice(i + 1))]);
      }
    }
    _update() { if (this._url) { const s = this.toString(); this._url._search = s ? "?" + s : ""; } }
    get size() { return this._list.length; }
    append(k, v) { this._list.push([String(k), String(v)]); this._update(); }
    delete(k) { this._list = this._list.filter(([n]) => n !== String(k)); this._update(); }
    get(k) { const e = this._list.find(([n]) => n === String(k)); return e ? e[1] : null; }
    getAll(k) { return this._list.filter(([n]) => n === String(k)).map(([, v]) => v); }
    has(k) { return this._list.some(([n]) => n === String(k)); }
    set(k, v) {
      k = String(k);
      const i = this._list.findIndex(([n]) => n === k);
      if (i < 0) this._list.push([k, String(v)]);
      else { this._list[i][1] = String(v); this._list = this._list.filter(([n], j) => n !== k || j === i); }
      this._update();
    }
    sort() { this._list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)); this._update(); }
    forEach(fn, thisArg) { for (const [k, v] of this._list) fn.call(thisArg, v, k, this); }
    *entries() { for (const [k, v] of this._list) yield [k, v]; }
    *keys() { for (const [k] of this._list) yield k; }
    *values() { for (const [, v] of this._list) yield v; }
    [Symbol.iterator]() { return this.entries(); }
    toString() { return this._list.map(([k, v]) => encodeParam(k) + "=" + encodeParam(v)).join("&"); }
  }

  const DEFAULT_PORTS = { "http:": "80", "https:": "443", "ws:": "80", "wss:": "443", "ftp:": "21" };
  const URL_PATTERN = /^([a-zA-Z][a-zA-Z0-9+.-]*:)(?:\/\/(?:([^:@/?#]*)(?::([^@/?#]*))?@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?)?([^?#]*)(\?[^#]*)?(#.*)?$/;
  function normalizePath(path) {
    const out = [];
    const segments = path.split("/");
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i];
      if (s === "..") { if (out.length > 1) out.pop(); if (i === segments.length - 1) out.push(""); }
      else if (s === ".") { if (i === segments.length - 1) out.push(""); }
      else out.push(s);
    }
    let p = out.join("/");
    if (!p.startsWith("/")) p = "/" + p;
    return p;
  }
  // The URL standard's IPv4 parser: a host ending in a number is an address in any of its spellings (127.1,
  // 0x7f000001, 2130706433, 0177.0.0.1), written back in dotted decimal, as a browser's URL does.
  function ipv4Number(part) {
    if (part === "") return NaN;
    let radix = 10;
    if (/^0[xX]/.test(part)) { part = part.slice(2); radix = 16; }
    else if (part.length > 1 && part[0] === "0") { part = part.slice(1); radix = 8; }
    if (part === "") return 0;
    const digits = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
    return digits.test(part) ? parseInt(part, radix) : NaN;
  }
  function canonicalHost(host) {
    const parts = host.split(".");
    if (parts[parts.length - 1] === "" && parts.length > 1) parts.pop();
    const last = parts[parts.length - 1];
    if (!(/^[0-9]+$/.test(last) || !Number.isNaN(ipv4Number(last)))) return host;
    const numbers = parts.map(ipv4Number);
    if (parts.length > 4 || numbers.some(Number.isNaN) || numbers.slice(0, -1).some((n) => n > 255)
        || numbers[numbers.length - 1] >= 256 ** (5 - numbers.length)) throw new TypeError("Invalid URL: bad IPv4 address " + host);
    let address = numbers[numbers.length - 1];
    numbers.slice(0, -1).forEach((n, i) => { address += n * 256 ** (3 - i); });
    return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");
  }
  class URL {
    constructor(url, base) {
      url = String(url).trim();
      let m = URL_PATTERN.exec(url);
      if (!m) {
        if (base === undefined) throw new TypeError("Invalid URL: " + url);
        const b = base instanceof URL ? base : new URL(base);
        let resolved;
        if (url.startsWith("//")) resolved = b.protocol + url;
        else if (url.startsWith("/")) resolved = b.origin + url;
        else if (url.startsWith("?")) resolved = b.origin + b.pathname + url;
        else if (url.startsWith("#")) resolved = b.origin + b.pathname + b.search + url;
        else if (url === "") resolved = b.origin + b.pathname + b.search;
        else resolved = b.origin + b.pathname.replace(/[^/]*$/, "") + url;
        m = URL_PATTERN.exec(resolved);
        if (!m) throw new TypeError("Invalid URL: " + url);
      }
      this._protocol = m[1].toLowerCase();
      this._username = m[2] || "";
      this._password = m[3] || "";
      this._hostname = (m[4] || "").toLowerCase();
      this._port = m[5] && m[5] !== DEFAULT_PORTS[this._protocol] ? m[5] : "";
      const special = this._protocol in DEFAULT_PORTS;
      if (special && !this._hostname) throw new TypeError("Invalid URL: " + url);
      if (special && !this._hostname.startsWith("[")) this._hostname = canonicalHost(this._hostname);
      this._pathname = special ? normalizePath(m[6] || "/") : m[6] || "";
      this._search = m[7] && m[7] !== "?" ? m[7] : "";
      this._hash = m[8] && m[8] !== "#" ? m[8] : "";
      this._params = new URLSearchParams(this._search);
      this._params._url = this;
    }
    static canParse(url, base) { try { new URL(url, base); return true; } catch (e) { return false; } }
    get protocol() { return this._protocol; }
    get username() { return this._username; }
    get password() { return this._password; }
    get hostname() { return this._hostname; }
    set hostname(v) { this._hostname = String(v).toLowerCase(); }
    get port() { return this._port; }
    set port(v) { v = String(v); this._port = v === DEFAULT_PORTS[this._protocol] ? "" : v; }
    get host() { return this._hostname + (this._port ? ":" + this._port : ""); }
    get origin() { return this._protocol + "//" + this.host; }
    get pathname() { return this._pathname; }
    set pathname(v) { this._pathname = normalizePath(String(v)); }
    get search() { return this._search; }
    set search(v) { v = String(v); this._search = v && v !== "?" ? (v.startsWith("?") ? v : "?" + v) : ""; this._params._parse(this._search); }
    get searchParams() { return this._params; }
    get hash() { return this._hash; }
    set hash(v) { v = String(v); this._hash = v && v !== "#" ? (v.startsWith("#") ? v : "#" + v) : ""; }
    get href() {
      const auth = this._username ? this._username + (this._password ? ":" + this._password : "") + "@" : "";
      const authority = this._hostname || this._protocol in DEFAULT_PORTS ? "//" + auth + this.host : "";
      return this._protocol + authority + this._pathname + this._search + this._hash;
    }
    toString() { return this.href; }
    toJSON() { return this.href; }
  }
  define("URLSearchParams", URLSearchParams);
  define("URL", URL);

  // ---------- streams (WHATWG Streams: default readers and writers, count-based queuing; no byte streams) ----------
  const hide = (o, key, value) => Object.defineProperty(o, key, { value, writable: true, configurable: true, enumerable: false });
  function concatBytes(chunks) {
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const c of chunks) { out.set(c, offset); offset += c.length; }
    return out;
  }

  class ReadableStream {
    constructor(source = {}, strategy = {}) {
      if (source && source.type !== undefined) throw new RangeError("Byte streams are not supported");
      hide(this, "_state", "readable"); // readable | closed | errored
      hide(this, "_queue", []);
      hide(this, "_reads", []); // pending read() resolvers while the queue is empty
      hide(this, "_reader", null);
      hide(this, "_disturbed", false);
      hide(this, "_closeRequested", false);
      hide(this, "_started", false);
      hide(this, "_pulling", false);
      hide(this, "_pullAgain", false);
      hide(this, "_source", source || {});
      hide(this, "_hwm", strategy.highWaterMark === undefined ? 1 : Number(strategy.highWaterMark));
      const stream = this;
      const controller = {
        get desiredSize() { return stream._state === "errored" ? null : stream._state === "closed" ? 0 : stream._hwm - stream._queue.length; },
        enqueue(chunk) {
          if (stream._closeRequested || stream._state !== "readable") throw new TypeError("The stream is closed or errored");
          const read = stream._reads.shift();
          if (read) read.resolve({ value: chunk, done: false });
          else stream._queue.push(chunk);
          stream._pullIfNeeded();
        },
        close() {
          if (stream._closeRequested || stream._state !== "readable") throw new TypeError("The stream is closed or errored");
          stream._closeRequested = true;
          if (!stream._queue.length) stream._close();
        },
        error(e) { stream._fail(e); },
      };
      hide(this, "_controller", controller);
      const started = this._source.start ? this._source.start(controller) : undefined;
      Promise.resolve(started).then(() => { this._started = true; this._pullIfNeeded(); }, (e) => this._fail(e));
    }
    static from(iterable) {
      const it = (iterable[Symbol.asyncIterator] || iterable[Symbol.iterator]).call(iterable);
      return new ReadableStream({
        async pull(c) { const { value, done } = await it.next(); if (done) c.close(); else c.enqueue(value); },
        async cancel(reason) { if (it.return) await it.return(reason); },
      });
    }
    get locked() { return this._reader !== null; }
    _pullIfNeeded() {
      if (!this._started || this._state !== "readable" || this._closeRequested || !this._source.pull) return;
      if (!this._reads.length && this._controller.desiredSize <= 0) return;
      if (this._pulling) { this._pullAgain = true; return; }
      this._pulling = true;
      Promise.resolve().then(() => this._source.pull(this._controller)).then(() => {
        this._pulling = false;
        if (this._pullAgain) { this._pullAgain = false; this._pullIfNeeded(); }
      }, (e) => this._fail(e));
    }
    _read() {
      this._disturbed = true;
      if (this._queue.length) {
        const value = this._queue.shift();
        if (this._closeRequested && !this._queue.length) this._close();
        else this._pullIfNeeded();
        return Promise.resolve({ value, done: false });
      }
      if (this._state === "closed") return Promise.resolve({ value: undefined, done: true });
      if (this._state === "errored") return Promise.reject(this._error);
      return new Promise((resolve, reject) => { this._reads.push({ resolve, reject }); this._pullIfNeeded(); });
    }
    _close() {
      this._state = "closed";
      for (const read of this._reads.splice(0)) read.resolve({ value: undefined, done: true });
      if (this._reader) this._reader._closed.resolve();
    }
    _fail(e) {
      if (this._state !== "readable") return;
      this._state = "errored";
      hide(this, "_error", e);
      this._queue = [];
      for (const read of this._reads.splice(0)) read.reject(e);
      if (this._reader) this._reader._closed.reject(e);
    }
    _cancel(reason) {
      this._disturbed = true;
      if (this._state === "closed") return Promise.resolve();
      if (this._state === "errored") return Promise.reject(this._error);
      this._queue = [];
      this._close();
      return Promise.resolve(this._source.cancel ? this._source.cancel(reason) : undefined).then(() => undefined);
    }
    cancel(reason) {
      return this.locked ? Promise.reject(new TypeError("Cannot cancel a locked stream")) : this._cancel(reason);
    }
    getReader(options = {}) {
      if (options && options.mode !== undefined) throw new TypeError("Only default readers are supported");
      return new ReadableStreamDefaultReader(this);
    }
    async pipeTo(dest, { preventClose = false, preventAbort = false, preventCancel = false } = {}) {
      const reader = this.getReader();
      const writer = dest.getWriter();
      try {
        for (;;) {
          let chunk;
          try { chunk = await reader.read(); } catch (e) { if (!preventAbort) await writer.abort(e).catch(() => {}); throw e; }
          if (chunk.done) break;
          try { await writer.write(chunk.value); } catch (e) { if (!preventCancel) await reader.cancel(e).catch(() => {}); throw e; }
        }
        if (!preventClose) await writer.close();
      } finally {
        reader.releaseLock();
        writer.releaseLock();
      }
    }
    pipeThrough({ writable, readable }, options) {
      if (this.locked) throw new TypeError("Cannot pipe a locked stream");
      this.pipeTo(writable, options).catch(() => {}); // a failure shows on `readable`, which the transform errors
      return readable;
    }
    tee() {
      const reader = this.getReader();
      const controllers = [];
      const canceled = [false, false];
      let reading = null;
      const pull = () => reading || (reading = reader.read().then(({ value, done }) => {
        reading = null;
        controllers.forEach((c, i) => { if (!canceled[i]) { if (done) c.close(); else c.enqueue(value); } });
      }, (e) => controllers.forEach((c) => c.error(e))));
      const branch = (i) => new ReadableStream({
        start(c) { controllers[i] = c; },
        pull,
        cancel(reason) { canceled[i] = true; return canceled[0] && canceled[1] ? reader.cancel(reason) : undefined; },
      });
      return [branch(0), branch(1)];
    }
    async *values({ preventCancel = false } = {}) {
      const reader = this.getReader();
      let finished = false;
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) { finished = true; return; }
          yield value;
        }
      } finally {
        if (!finished && !preventCancel) await reader.cancel();
        reader.releaseLock();
      }
    }
    [Symbol.asyncIterator](options) { return this.values(options); }
  }

  function deferred() {
    const d = {};
    d.promise = new Promise((resolve, reject) => { d.resolve = resolve; d.reject = reject; });
    d.promise.catch(() => {}); // observed through `closed` only if the caller asks
    return d;
  }

  class ReadableStreamDefaultReader {
    constructor(stream) {
      if (!(stream instanceof ReadableStream)) throw new TypeError("Expected a ReadableStream");
      if (stream.locked) throw new TypeError("ReadableStream is locked");
      hide(this, "_stream", stream);
      hide(this, "_closed", deferred());
      stream._reader = this;
      if (stream._state === "closed") this._closed.resolve();
      if (stream._state === "errored") this._closed.reject(stream._error);
    }
    get closed() { return this._closed.promise; }
    read() { return this._stream ? this._stream._read() : Promise.reject(new TypeError("The reader was released")); }
    cancel(reason) { return this._stream ? this._stream._cancel(reason) : Promise.reject(new TypeError("The reader was released")); }
    releaseLock() {
      const stream = this._stream;
      if (!stream) return;
      const released = new TypeError("The reader was released");
      for (const read of stream._reads.splice(0)) read.reject(released);
      this._closed.reject(released);
      hide(this, "_closed", deferred());
      this._closed.reject(released);
      stream._reader = null;
      this._stream = null;
    }
  }

  class WritableStream {
    constructor(sink = {}, strategy = {}) {
      hide(this, "_sink", sink || {});
      hide(this, "_state", "writable"); // writable | closing | closed | errored
      hide(this, "_writer", null);
      hide(this, "_pending", 0);
      hide(this, "_hwm", strategy.highWaterMark === undefined ? 1 : Number(strategy.highWaterMark));
      const controller = { error: (e) => this._fail(e) };
      hide(this, "_controller", controller);
      // sink operations run one after another, after start
      hide(this, "_chain", Promise.resolve(this._sink.start ? this._sink.start(controller) : undefined).catch((e) => this._fail(e)));
    }
    get locked() { return this._writer !== null; }
    getWriter() { return new WritableStreamDefaultWriter(this); }
    abort(reason) { return this.locked ? Promise.reject(new TypeError("Cannot abort a locked stream")) : this._abort(reason); }
    close() { return this.locked ? Promise.reject(new TypeError("Cannot close a locked stream")) : this._closeSink(); }
    _op(fn) {
      const result = this._chain.then(() => { if (this._state === "errored") throw this._error; return fn(); });
      this._chain = result.then(() => {}, (e) => this._fail(e));
      return result;
    }
    _write(chunk) {
      if (this._state !== "writable") return Promise.reject(this._state === "errored" ? this._error : new TypeError("The stream is closing or closed"));
      this._pending++;
      const done = () => { this._pending--; };
      const result = this._op(() => this._sink.write ? this._sink.write(chunk, this._controller) : undefined);
      result.then(done, done);
      return result.then(() => undefined);
    }
    _closeSink() {
      if (this._state !== "writable") return Promise.reject(new TypeError("The stream is closing, closed or errored"));
      this._state = "closing";
      return this._op(() => this._sink.close ? this._sink.close() : undefined).then(() => {
        this._state = "closed";
        if (this._writer) this._writer._closed.resolve();
      });
    }
    _abort(reason) {
      if (this._state === "closed" || this._state === "errored") return Promise.resolve();
      this._fail(reason);
      return Promise.resolve(this._sink.abort ? this._sink.abort(reason) : undefined).then(() => undefined);
    }
    _fail(e) {
      if (this._state === "closed" || this._state === "errored") return;
      this._state = "errored";
      hide(this, "_error", e);
      if (this._writer) this._writer._closed.reject(e);
    }
  }

  class WritableStreamDefaultWriter {
    constructor(stream) {
      if (!(stream instanceof WritableStream)) throw new TypeError("Expected a WritableStream");
      if (stream.locked) throw new TypeError("WritableStream is locked");
      hide(this, "_stream", stream);
      hide(this, "_closed", deferred());
      stream._writer = this;
      if (stream._state === "closed") this._closed.resolve();
      if (stream._state === "errored") this._closed.reject(stream._error);
    }
    _locked() { if (!this._stream) throw new TypeError("The writer was released"); return this._stream; }
    get closed() { return this._closed.promise; }
    get desiredSize() { const s = this._locked(); return s._state === "errored" ? null : s._state === "closed" ? 0 : s._hwm - s._pending; }
    get ready() {
      const s = this._stream;
      if (!s) return Promise.reject(new TypeError("The writer was released"));
      if (s._state === "errored") return Promise.reject(s._error);
      return s._pending < s._hwm ? Promise.resolve() : s._chain.then(() => undefined);
    }
    write(chunk) { try { return this._locked()._write(chunk); } catch (e) { return Promise.reject(e); } }
    close() { try { return this._locked()._closeSink(); } catch (e) { return Promise.reject(e); } }
    abort(reason) { try { return this._locked()._abort(reason); } catch (e) { return Promise.reject(e); } }
    releaseLock() {
      if (!this._stream) return;
      this._stream._writer = null;
      this._stream = null;
      hide(this, "_closed", deferred());
      this._closed.reject(new TypeError("The writer was released"));
    }
  }

  // What is written is transformed and queued on `readable` right away: the writer is not held back while nobody
  // reads (no backpressure across the pair), which only matters for memory, and that has its own budget.
  class TransformStream {
    constructor(transformer = {}, writableStrategy = {}, readableStrategy = {}) {
      transformer = transformer || {};
      let readableController;
      const readable = new ReadableStream({ start(c) { readableController = c; }, cancel: (reason) => this.writable._fail(reason) }, readableStrategy);
      const controller = {
        get desiredSize() { return readableController.desiredSize; },
        enqueue: (chunk) => readableController.enqueue(chunk),
        error: (e) => { readableController.error(e); this.writable._fail(e); },
        terminate: () => {
          if (readable._state === "readable" && !readable._closeRequested) readableController.close();
          this.writable._fail(new TypeError("The transform stream was terminated"));
        },
      };
      const started = transformer.start ? transformer.start(controller) : undefined;
      // a transformer that throws errors both sides, as the standard does
      const guarded = (fn) => async (...args) => {
        try { return await fn(...args); } catch (e) { readableController.error(e); throw e; }
      };
      const writable = new WritableStream({
        start: () => started,
        write: guarded((chunk) => transformer.transform ? transformer.transform(chunk, controller) : controller.enqueue(chunk)),
        close: guarded(async () => {
          if (transformer.flush) await transformer.flush(controller);
          if (readable._state === "readable" && !readable._closeRequested) readableController.close();
        }),
        abort: (reason) => readableController.error(reason),
      }, writableStrategy);
      hide(this, "_readable", readable);
      hide(this, "_writable", writable);
    }
    get readable() { return this._readable; }
    get writable() { return this._writable; }
  }
  define("ReadableStream", ReadableStream);
  define("ReadableStreamDefaultReader", ReadableStreamDefaultReader);
  define("WritableStream", WritableStream);
  define("WritableStreamDefaultWriter", WritableStreamDefaultWriter);
  define("TransformStream", TransformStream);

  // ---------- CompressionStream / DecompressionStream, on java.util.zip ----------
  // The host does the whole stream at once when the writable side closes (what one stream may take in and
  // inflate to is capped there): output comes after close, not chunk by chunk.
  const ZIP_FORMATS = ["gzip", "deflate", "deflate-raw"];
  class ZipStream {
    constructor(mode, format) {
      format = String(format);
      if (!ZIP_FORMATS.includes(format)) throw new TypeError("Unsupported compression format: '" + format + "'");
      const chunks = [];
      const t = new TransformStream({
        transform(chunk) {
          if (!(chunk instanceof ArrayBuffer || ArrayBuffer.isView(chunk))) throw new TypeError("The chunk must be an ArrayBuffer or ArrayBufferView");
          chunks.push(toBytes(chunk).slice());
        },
        flush(controller) {
          const result = host.zip(mode, format, bytesToBase64(concatBytes(chunks)));
          if (result.startsWith("error:")) throw new TypeError(result.slice("error:".length));
          const out = base64ToBytes(result);
          if (out.length) controller.enqueue(out);
        },
      });
      hide(this, "_t", t);
    }
    get readable() { return this._t.readable; }
    get writable() { return this._t.writable; }
  }
  class CompressionStream extends ZipStream { constructor(format) { super("compress", format); } }
  class DecompressionStream extends ZipStream { constructor(format) { super("decompress", format); } }
  define("CompressionStream", CompressionStream);
  define("DecompressionStream", DecompressionStream);

  // ---------- Blob, File, FormData ----------
  function bytesStream(bytes) {
    let offset = 0;
    return new ReadableStream({
      pull(c) {
        if (offset >= bytes.length) { c.close(); return; }
        c.enqueue(bytes.slice(offset, offset + 65536));
        offset += 65536;
      },
    });
  }
  const BLOB_BYTES = new WeakMap(); // never exposed: a Blob is immutable
  class Blob {
    constructor(parts = [], options = {}) {
      if (parts === null || typeof parts !== "object" || typeof parts[Symbol.iterator] !== "function") throw new TypeError("Blob parts must be a sequence");
      const native = options && options.endings === "native";
      const chunks = [];
      for (const part of parts) {
        if (part instanceof Blob) chunks.push(BLOB_BYTES.get(part));
        else if (part instanceof ArrayBuffer || ArrayBuffer.isView(part)) chunks.push(toBytes(part).slice());
        else chunks.push(new TextEncoder().encode(native ? String(part).replace(/\r\n?/g, "\n") : String(part)));
      }
      const type = options && options.type !== undefined ? String(options.type) : "";
      BLOB_BYTES.set(this, concatBytes(chunks));
      hide(this, "_type", /^[\x20-\x7e]*$/.test(type) ? type.toLowerCase() : "");
    }
    get size() { return BLOB_BYTES.get(this).length; }
    get type() { return this._type; }
    slice(start = 0, end = this.size, contentType = "") {
      const size = this.size;
      const clamp = (n) => (n < 0 ? Math.max(size + n, 0) : Math.min(n, size));
      const from = clamp(Math.trunc(Number(start)) || 0);
      const to = clamp(Math.trunc(Number(end)) || 0);
      return new Blob([BLOB_BYTES.get(this).subarray(from, Math.max(from, to))], { type: contentType });
    }
    async arrayBuffer() { return BLOB_BYTES.get(this).slice().buffer; }
    async bytes() { return BLOB_BYTES.get(this).slice(); }
    async text() { return new TextDecoder().decode(BLOB_BYTES.get(this)); }
    stream() { return bytesStream(BLOB_BYTES.get(this)); }
    get [Symbol.toStringTag]() { return "Blob"; }
  }
  class File extends Blob {
    constructor(bits, name, options = {}) {
      if (arguments.length < 2) throw new TypeError("File needs bits and a name");
      super(bits, options);
      hide(this, "_name", String(name));
      hide(this, "_lastModified", options && options.lastModified !== undefined ? Number(options.lastModified) : Date.now());
    }
    get name() { return this._name; }
    get lastModified() { return this._lastModified; }
    get webkitRelativePath() { return ""; }
    get [Symbol.toStringTag]() { return "File"; }
  }
  define("Blob", Blob);
  define("File", File);

  class FormData {
    constructor(form) {
      if (form !== undefined) throw new TypeError("FormData: there are no HTML forms here");
      hide(this, "_list", []);
    }
    // the standard's "create an entry": Blobs become Files (named "blob" unless a filename is given)
    static _entry(name, value, filename, argc) {
      if (argc < 2) throw new TypeError("FormData needs a name and a value");
      if (!(value instanceof Blob)) {
        if (argc > 2) throw new TypeError("A filename can only be given with a Blob");
        return [String(name), String(value)];
      }
      if (value instanceof File && filename === undefined) return [String(name), value];
      const fileName = filename !== undefined ? String(filename) : value instanceof File ? value.name : "blob";
      return [String(name), new File([value], fileName, { type: value.type, lastModified: value instanceof File ? value.lastModified : undefined })];
    }
    append(name, value, filename) { this._list.push(FormData._entry(name, value, filename, arguments.length)); }
    set(name, value, filename) {
      const entry = FormData._entry(name, value, filename, arguments.length);
      const i = this._list.findIndex(([n]) => n === entry[0]);
      if (i < 0) this._list.push(entry);
      else this._list = this._list.filter(([n], j) => n !== entry[0] || j === i).map((e) => (e[0] === entry[0] ? entry : e));
    }
    get(name) { const e = this._list.find(([n]) => n === String(name)); return e ? e[1] : null; }
    getAll(name) { return this._list.filter(([n]) => n === String(name)).map(([, v]) => v); }
    has(name) { return this._list.some(([n]) => n === String(name)); }
    delete(name) { this._list = this._list.filter(([n]) => n !== String(name)); }
    forEach(fn, thisArg) { for (const [k, v] of this._list) fn.call(thisArg, v, k, this); }
    *entries() { for (const [k, v] of this._list) yield [k, v]; }
    *keys() { for (const [k] of this._list) yield k; }
    *values() { for (const [, v] of this._list) yield v; }
    [Symbol.iterator]() { return this.entries(); }
    get [Symbol.toStringTag]() { return "FormData"; }
  }
  define("FormData", FormData);

  // multipart/form-data as the HTML standard writes it: names and filenames escape `"` and line breaks, and
  // line breaks in string values become CRLF
  function multipartBody(formData) {
    const boundary = "----StatebackedFormBoundary" + Array.from(base64ToBytes(host.randomBytes(12)), (b) => b.toString(16).padStart(2, "0")).join("");
    const escape = (s) => s.replace(/\r\n?|\n/g, "\r\n").replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
    const enc = new TextEncoder();
    const chunks = [];
    for (const [name, value] of formData) {
      let head = "--" + boundary + '\r\nContent-Disposition: form-data; name="' + escape(name) + '"';
      if (typeof value === "string") {
        chunks.push(enc.encode(head + "\r\n\r\n" + value.replace(/\r\n?|\n/g, "\r\n") + "\r\n"));
      } else {
        head += '; filename="' + escape(value.name) + '"\r\nContent-Type: ' + (value.type || "application/octet-stream") + "\r\n\r\n";
        chunks.push(enc.encode(head), BLOB_BYTES.get(value), enc.encode("\r\n"));
      }
    }
    chunks.push(enc.encode("--" + boundary + "--\r\n"));
    return { bytes: concatBytes(chunks), type: "multipart/form-data; boundary=" + boundary };
  }

  function parseMultipart(bytes, boundary) {
    const bad = () => new TypeError("Could not parse the body as multipart/form-data");
    let text = ""; // one char a byte, to search for delimiters
    for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    const delimiter = "--" + boundary;
    const unescape = (s) => s.replace(/%22/g, '"').replace(/%0D/g, "\r").replace(/%0A/g, "\n");
    const formData = new FormData();
    let pos = text.indexOf(delimiter);
    if (pos < 0) throw bad();
    for (;;) {
      pos += delimiter.length;
      if (text.startsWith("--", pos)) return formData;
      if (!text.startsWith("\r\n", pos)) throw bad();
      const headerEnd = text.indexOf("\r\n\r\n", pos + 2);
      const next = headerEnd < 0 ? -1 : text.indexOf("\r\n" + delimiter, headerEnd + 4);
      if (next < 0) throw bad();
      const headers = new TextDecoder().decode(bytes.subarray(pos + 2, headerEnd)).split("\r\n");
      const header = (n) => { const h = headers.find((l) => l.toLowerCase().startsWith(n + ":")); return h ? h.slice(n.length + 1).trim() : null; };
      const disposition = header("content-disposition") || "";
      const name = /;\s*name="([^"]*)"/i.exec(disposition);
      if (!name) throw bad();
      const filename = /;\s*filename="([^"]*)"/i.exec(disposition);
      const body = bytes.slice(headerEnd + 4, next);
      if (filename) formData.append(unescape(name[1]), new File([body], unescape(filename[1]), { type: header("content-type") || "text/plain" }));
      else formData.append(unescape(name[1]), new TextDecoder().decode(body));
      pos = next + 2;
    }
  }

  // ---------- fetch, on the host's HTTP client ----------
  class Headers {
    constructor(init) {
      this._map = new Map();
      if (init instanceof Headers) init.forEach((v, k) => this.append(k, v));
      else if (Array.isArray(init)) for (const [k, v] of init) this.append(k, v);
      else if (init && typeof init === "object") for (const k of Object.keys(init)) this.append(k, init[k]);
    }
    append(k, v) { k = String(k).toLowerCase(); const old = this._map.get(k); this._map.set(k, old === undefined ? String(v) : old + ", " + v); }
    set(k, v) { this._map.set(String(k).toLowerCase(), String(v)); }
    get(k) { const v = this._map.get(String(k).toLowerCase()); return v === undefined ? null : v; }
    has(k) { return this._map.has(String(k).toLowerCase()); }
    delete(k) { this._map.delete(String(k).toLowerCase()); }
    forEach(fn, thisArg) { for (const [k, v] of this._map) fn.call(thisArg, v, k, this); }
    *entries() { yield* this._map.entries(); }
    *keys() { yield* this._map.keys(); }
    *values() { yield* this._map.values(); }
    [Symbol.iterator]() { return this.entries(); }
  }

  // The fetch standard's "extract a body": the bytes (copied) and the content type they imply, or a stream
  function extractBody(body) {
    if (body == null) return { bytes: null, stream: null, type: null };
    if (body instanceof ReadableStream) {
      if (body.locked || body._disturbed) throw new TypeError("The body stream is locked or disturbed");
      return { bytes: null, stream: body, type: null };
    }
    if (body instanceof Blob) return { bytes: BLOB_BYTES.get(body), stream: null, type: body.type || null };
    if (body instanceof FormData) return { ...multipartBody(body), stream: null };
    if (body instanceof URLSearchParams) return { bytes: new TextEncoder().encode(body.toString()), stream: null, type: "application/x-www-form-urlencoded;charset=UTF-8" };
    if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return { bytes: toBytes(body).slice(), stream: null, type: null };
    return { bytes: new TextEncoder().encode(String(body)), stream: null, type: "text/plain;charset=UTF-8" };
  }

  // What Request and Response share (the fetch standard's Body mixin)
  class Body {
    _initBody(body) {
      const extracted = extractBody(body);
      hide(this, "_bytes", extracted.bytes);
      hide(this, "_stream", extracted.stream);
      hide(this, "_used", false);
      if (extracted.type && !this.headers.has("content-type")) this.headers.set("content-type", extracted.type);
    }
    get body() {
      if (!this._stream && this._bytes) this._stream = bytesStream(this._bytes);
      return this._stream;
    }
    get bodyUsed() { return this._used || (this._stream !== null && this._stream._disturbed); }
    async _consume() {
      if (this.bodyUsed || (this._stream && this._stream.locked)) throw new TypeError("Body has already been consumed");
      this._used = true;
      if (!this._stream) return this._bytes || new Uint8Array(0);
      const chunks = [];
      for await (const chunk of this._stream) {
        if (!(chunk instanceof Uint8Array)) throw new TypeError("A body stream must give Uint8Array chunks");
        chunks.push(chunk);
      }
      return concatBytes(chunks);
    }
    /** The body for a copy of this message; a stream body is teed. */
    _cloneBody() {
      if (this.bodyUsed) throw new TypeError("Body has already been consumed");
      if (!this._stream) return this._bytes;
      const [mine, theirs] = this._stream.tee();
      this._stream = mine;
      return theirs;
    }
    async arrayBuffer() { return (await this._consume()).slice().buffer; }
    async bytes() { return (await this._consume()).slice(); }
    async text() { return new TextDecoder().decode(await this._consume()); }
    async json() { return JSON.parse(await this.text()); }
    async blob() { return new Blob([await this._consume()], { type: this.headers.get("content-type") || "" }); }
    async formData() {
      const type = this.headers.get("content-type") || "";
      const bytes = await this._consume();
      const boundary = /^multipart\/form-data\s*;.*\bboundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
      if (boundary) return parseMultipart(bytes, boundary[1] || boundary[2]);
      if (/^application\/x-www-form-urlencoded\b/i.test(type)) {
        const formData = new FormData();
        for (const [k, v] of new URLSearchParams(new TextDecoder().decode(bytes))) formData.append(k, v);
        return formData;
      }
      throw new TypeError("The body is neither multipart/form-data nor application/x-www-form-urlencoded");
    }
  }
  class Response extends Body {
    constructor(body = null, init = {}) {
      super();
      this.status = init.status === undefined ? 200 : Number(init.status);
      if (!(this.status >= 200 && this.status <= 599)) throw new RangeError("The status must be in the range 200 to 599");
      if (body != null && [204, 205, 304].includes(this.status)) throw new TypeError("A " + this.status + " response has no body");
      this.statusText = init.statusText || "";
      this.headers = new Headers(init.headers);
      this.url = init.url || "";
      this._initBody(body);
    }
    static json(data, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
      return new Response(JSON.stringify(data), { ...init, headers });
    }
    get ok() { return this.status >= 200 && this.status < 300; }
    clone() { return new Response(this._cloneBody(), this); }
  }
  class Request extends Body {
    constructor(input, init = {}) {
      super();
      const from = input instanceof Request ? input : null;
      this.url = from ? from.url : String(input);
      this.method = (init.method || (from ? from.method : "GET")).toUpperCase();
      this.headers = new Headers(init.headers || (from ? from.headers : undefined));
      const body = init.body !== undefined ? init.body : from ? from._cloneBody() : null;
      if (body != null && (this.method === "GET" || this.method === "HEAD")) throw new TypeError("A " + this.method + " request has no body");
      this._initBody(body);
    }
    clone() { return new Request(this, { body: this._cloneBody() }); }
  }
  let nextFetchId = 1;
  const pendingFetches = new Map();
  define("Headers", Headers);
  define("Response", Response);
  define("Request", Request);
  define("fetch", async function fetch(input, init = {}) {
    const req = new Request(input, init);
    const url = new URL(req.url);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError("fetch: only http and https URLs are supported");
    const body = req._bytes === null && req._stream === null ? null : bytesToBase64(await req._consume());
    return new Promise((resolve, reject) => {
      const id = nextFetchId++;
      pendingFetches.set(id, { resolve, reject });
      host.fetch(id, req.method, url.href, JSON.stringify(Array.from(req.headers.entries())), body, init.timeout === undefined ? -1 : Number(init.timeout));
    });
  });

  // Hooks for the host's event loop; frozen and non-enumerable, and only the engine knows the name.
  define("__sb_loop", Object.freeze({
    /** Milliseconds since epoch of the next due timer, or -1 when none. */
    nextTimerDue() {
      let min = -1;
      for (const t of timers.values()) if (min < 0 || t.due < min) min = t.due;
      return min;
    },
    /** Runs the timers due at `now`, oldest first; returns how many ran. */
    runDueTimers(now) {
      const due = [];
      for (const [id, t] of timers) if (t.due <= now) due.push([id, t]);
      due.sort((a, b) => a[1].due - b[1].due || a[1].seq - b[1].seq);
      for (const [id, t] of due) {
        if (!timers.has(id)) continue;
        if (t.repeat) { t.due = now + t.delay; t.seq = timerSeq++; } else timers.delete(id);
        t.fn.apply(undefined, t.args);
      }
      return due.length;
    },
    pendingFetches() { return pendingFetches.size; },
    fetchDone(id, status, statusText, url, headersJson, bodyBase64, errorMessage) {
      const p = pendingFetches.get(id);
      if (!p) return;
      pendingFetches.delete(id);
      if (errorMessage != null) p.reject(new TypeError("fetch failed: " + errorMessage));
      else {
        const bytes = base64ToBytes(bodyBase64);
        p.resolve(new Response(bytes.length ? bytes : null, { status, statusText, url, headers: JSON.parse(headersJson) }));
      }
    },
    /** Forgets every timer and in-flight fetch: used when a session ends so the next one starts clean. */
    reset() { timers.clear(); pendingFetches.clear(); },
  }));
})(globalThis.__host);
