export const upgradeState = (path, context) => path.map((name) => (name === "open" ? "ajar" : name));

export const upgradeContext = async (oldPaths, newPaths, context) => ({
  ...context,
  version: 3,
  hops: [...(context.hops ?? []), { from: oldPaths, to: newPaths }],
});
