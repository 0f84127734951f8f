export const upgradeState = (path) => path;
