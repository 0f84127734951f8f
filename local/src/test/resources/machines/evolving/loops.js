export const upgradeState = (path) => {
  for (;;) {}
};
export const upgradeContext = (oldPaths, newPaths, context) => context;
