/** Running this repository's TypeScript modules on worker threads, under ts-node and jest as compiled. */
export { compileWorkerCode } from './worker-code';
