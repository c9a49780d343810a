export const runSync = async () => {
  throw new Error('not yet');
};
