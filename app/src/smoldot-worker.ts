// smoldot's Wasm runs here, off the page's main thread; the page keeps the networking. The
// worker compiles smoldot's bytecode, hands it to the page, then serves the port the page sends.
import * as smoldot from 'smoldot/worker';
import { compileBytecode } from 'smoldot/bytecode';

compileBytecode().then((bytecode) => postMessage(bytecode));
onmessage = (message) => {
  smoldot.run(message.data).catch((error) => console.error('smoldot worker:', error));
};
