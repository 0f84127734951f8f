export const upgradeState = (path) => {
  throw new Error("this migration refuses " + path.join("."));
};
export const upgradeContext = (oldPaths, newPaths, context) => context;
