const renamed = { green: "go", b: "beta" };

export const upgradeState = (path, context) =>
  path[0] === "waiting" ? ["idle"] : path.map((name) => renamed[name] ?? name);

export const upgradeContext = (oldPaths, newPaths, context) => ({
  ...context,
  version: 2,
  hops: [...(context.hops ?? []), { from: oldPaths, to: newPaths }],
});
