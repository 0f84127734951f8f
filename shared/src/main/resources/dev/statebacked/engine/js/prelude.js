// The web-standards-like environment machine code runs in (semantics.md, "User code").
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
  class Response {
    constructor(body, init = {}) {
      this._bytes = body == null ? new Uint8Array(0) : toBytes(body);
      this.status = init.status === undefined ? 200 : init.status;
      this.statusText = init.statusText || "";
      this.headers = new Headers(init.headers);
      this.url = init.url || "";
      this.bodyUsed = false;
    }
    get ok() { return this.status >= 200 && this.status < 300; }
    _consume() { if (this.bodyUsed) throw new TypeError("Body has already been consumed"); this.bodyUsed = true; return this._bytes; }
    async arrayBuffer() { const b = this._consume(); return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength); }
    async text() { return new TextDecoder().decode(this._consume()); }
    async json() { return JSON.parse(await this.text()); }
    clone() { return new Response(this._bytes.slice(), this); }
  }
  class Request {
    constructor(input, init = {}) {
      this.url = input instanceof Request ? input.url : String(input);
      this.method = (init.method || (input instanceof Request ? input.method : "GET")).toUpperCase();
      this.headers = new Headers(init.headers || (input instanceof Request ? input.headers : undefined));
      this.body = init.body !== undefined ? init.body : input instanceof Request ? input.body : undefined;
    }
  }
  let nextFetchId = 1;
  const pendingFetches = new Map();
  define("Headers", Headers);
  define("Response", Response);
  define("Request", Request);
  define("fetch", function fetch(input, init = {}) {
    return new Promise((resolve, reject) => {
      const req = new Request(input, init);
      const url = new URL(req.url);
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError("fetch: only http and https URLs are supported");
      let body = null;
      if (req.body != null) {
        if (req.body instanceof URLSearchParams) {
          body = bytesToBase64(new TextEncoder().encode(req.body.toString()));
          if (!req.headers.has("content-type")) req.headers.set("content-type", "application/x-www-form-urlencoded;charset=UTF-8");
        } else {
          if (typeof req.body === "string" && !req.headers.has("content-type")) req.headers.set("content-type", "text/plain;charset=UTF-8");
          body = bytesToBase64(toBytes(req.body));
        }
      }
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
      else p.resolve(new Response(base64ToBytes(bodyBase64), { status, statusText, url, headers: JSON.parse(headersJson) }));
    },
    /** Forgets every timer and in-flight fetch: used when a session ends so the next one starts clean. */
    reset() { timers.clear(); pendingFetches.clear(); },
  }));
})(globalThis.__host);
