// Preloaded into a measured server (`node --require bench/cpu-profile.cjs`) when a bench is run with
// SERVER_CPU_PROF=dir: profiles the whole process with V8's sampling profiler and, when the server is told
// to stop (SIGTERM/SIGINT, before its own shutdown runs), writes dir/<pid>.cpuprofile — open it in Chrome
// DevTools or summarise it with `node bench/cpu-profile-top.mjs file`. (`node --cpu-prof` writes nothing
// here: the server ends by re-raising the signal, which skips Node's exit hooks.)
const { Session } = require('node:inspector');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.SERVER_CPU_PROF_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    // An in-process inspector session answers synchronously.
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.prependListener('SIGTERM', write);
  process.prependListener('SIGINT', write);
}
