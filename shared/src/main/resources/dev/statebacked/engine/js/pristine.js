// Evaluated once per context, after the prelude and the runtime and before any machine code. Returns a function
// of the module namespaces machine code can reach (XState, @statebacked/machine, the runtime) that records every
// object reachable from them and from globalThis (properties, accessors, prototypes, and the intrinsics no
// property names), and returns `restore`: it puts every recorded object back as recorded, deletes what was added,
// and answers false when something cannot be undone (a property made non-configurable, an object frozen), so that
// the host discards the context instead. Nothing here is reachable from globalThis.
(function pristine(...roots) {
  // captured now: machine code may replace any of these before restore runs
  const { ownKeys, getOwnPropertyDescriptor, defineProperty, deleteProperty, getPrototypeOf, setPrototypeOf, isExtensible, apply } = Reflect;
  const sameValue = Object.is; // NaN is NaN
  const MapCtor = Map;
  const mapHas = Map.prototype.has;
  const mapSet = Map.prototype.set;
  const regExpExec = RegExp.prototype.exec;
  const isObject = (v) => (typeof v === "object" && v !== null) || typeof v === "function";

  const hidden = [];
  const add = (make) => { try { const v = make(); if (isObject(v)) hidden.push(v); } catch (e) { /* not in this engine */ } };
  add(() => getPrototypeOf(function* () {}));
  add(() => getPrototypeOf(function* () {}).prototype);
  add(() => getPrototypeOf(async function () {}));
  add(() => getPrototypeOf(async function* () {}));
  add(() => getPrototypeOf(async function* () {}).prototype);
  add(() => getPrototypeOf(getPrototypeOf(async function* () {}).prototype));
  add(() => getPrototypeOf([][Symbol.iterator]()));
  add(() => getPrototypeOf(new Map()[Symbol.iterator]()));
  add(() => getPrototypeOf(new Set()[Symbol.iterator]()));
  add(() => getPrototypeOf(""[Symbol.iterator]()));
  add(() => getPrototypeOf("".matchAll(/x/g)));
  add(() => getPrototypeOf(Int8Array));

  const recorded = []; // [object, prototype, extensible, keys, descriptors in key order, descriptors by key (lazy)]
  const seen = new MapCtor();
  // Object.prototype first: once it is restored, reading a descriptor's absent fields inherits nothing planted
  const queue = [Object.prototype, globalThis, ...roots, ...hidden];
  for (let i = 0; i < queue.length; i++) {
    const object = queue[i];
    if (apply(mapHas, seen, [object])) continue;
    apply(mapSet, seen, [object, true]);
    const keys = ownKeys(object);
    const descriptors = [];
    for (let k = 0; k < keys.length; k++) {
      const descriptor = getOwnPropertyDescriptor(object, keys[k]);
      setPrototypeOf(descriptor, null); // read back later without inheriting anything machine code added
      descriptors[k] = descriptor;
      if (object === globalThis && keys[k] === "__host") continue; // the host's functions: not a JS object
      if (isObject(descriptor.value)) queue.push(descriptor.value);
      if (isObject(descriptor.get)) queue.push(descriptor.get);
      if (isObject(descriptor.set)) queue.push(descriptor.set);
    }
    const prototype = getPrototypeOf(object);
    if (isObject(prototype)) queue.push(prototype);
    recorded.push([object, prototype, isExtensible(object), keys, descriptors, undefined]);
  }
  const same = (a, b) => sameValue(a.value, b.value) && a.get === b.get && a.set === b.set && a.writable === b.writable
    && a.enumerable === b.enumerable && a.configurable === b.configurable;
  const byKey = (entry) => {
    if (entry[5] === undefined) {
      const map = new MapCtor();
      for (let k = 0; k < entry[3].length; k++) apply(mapSet, map, [entry[3][k], entry[4][k]]);
      entry[5] = map;
    }
    return entry[5];
  };
  const putBack = (object, key, was, inheritanceMayBePlanted) => {
    const is = getOwnPropertyDescriptor(object, key);
    if (is !== undefined && inheritanceMayBePlanted) setPrototypeOf(is, null);
    return (is !== undefined && same(is, was)) || defineProperty(object, key, was);
  };

  // no destructuring, spreading or method calls below: machine code may have replaced what they would call.
  // The common case (keys unchanged, in the same order) compares descriptors by index, with no lookups.
  const restoreObject = (entry, inheritanceMayBePlanted) => {
    let restored = true;
    const object = entry[0], prototype = entry[1], extensible = entry[2], keys = entry[3], descriptors = entry[4];
    if (extensible && !isExtensible(object)) restored = false;
    if (getPrototypeOf(object) !== prototype && !setPrototypeOf(object, prototype)) restored = false;
    const now = ownKeys(object);
    let sameKeys = now.length === keys.length;
    for (let k = 0; sameKeys && k < keys.length; k++) sameKeys = now[k] === keys[k];
    if (!sameKeys) {
      const recordedByKey = byKey(entry);
      for (let k = 0; k < now.length; k++) {
        if (!apply(mapHas, recordedByKey, [now[k]]) && !deleteProperty(object, now[k])) restored = false;
      }
    }
    for (let k = 0; k < keys.length; k++) {
      if (!putBack(object, keys[k], descriptors[k], inheritanceMayBePlanted)) restored = false;
    }
    return restored;
  };

  return function restore() {
    let restored = !!restoreObject(recorded[0], true);
    for (let i = 1; i < recorded.length; i++) {
      if (!restoreObject(recorded[i], false)) restored = false;
    }
    // the realm's last match (RegExp.$1-$9, lastMatch, input...) is state no property holds: overwrite it
    apply(regExpExec, /(?:)/, [""]);
    return restored;
  };
})
