/** CLI bundle with every command (out/cli/cli-all.cjs): help, import, segmentation, reports… */
import { COMMANDS } from './commands/index';
import { startCli } from './run-cli';

startCli(COMMANDS);
