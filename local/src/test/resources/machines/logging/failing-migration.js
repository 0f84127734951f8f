export const upgradeState = (path) => {
  console.error(`upgradeState refuses ${path.join(".")}`);
  throw new Error("this migration refuses");
};
export const upgradeContext = (oldPaths, newPaths, context) => context;
