// The bench floor runs lib/ code outside React Server Components, where `server-only` throws on
// import (the tests alias it the same way, vitest.config.mts): resolve it to an empty module.
const Module = require('node:module');
const path = require('node:path');

const empty = path.join(__dirname, '..', '..', 'tests', 'support', 'empty.ts');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === 'server-only' ? empty : request, ...rest);
};
