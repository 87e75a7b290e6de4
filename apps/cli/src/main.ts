import { answeredAtTheFrontDoor } from './front-door.js';

// The ES module entry (`node dist/main.js`); `dist/ohfp.cjs` does the same and starts sooner.
if (!(await answeredAtTheFrontDoor())) {
  const { runInProcess } = await import('./in-process.js');
  await runInProcess();
}
