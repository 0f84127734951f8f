const renamed = { go: "green", beta: "b" };

export const upgradeState = (path, context) => path.map((name) => renamed[name] ?? name);

export const upgradeContext = (oldPaths, newPaths, context) => ({ ...context, version: 1, downgraded: true });
