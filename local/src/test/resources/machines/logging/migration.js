export const upgradeState = (path) => {
  console.log(`upgradeState of ${path.join(".")}`);
  return path;
};
export const upgradeContext = (oldPaths, newPaths, context) => {
  console.log("upgradeContext ran");
  return context;
};
