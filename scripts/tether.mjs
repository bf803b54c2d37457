#!/usr/bin/env node
// `node scripts/tether.mjs [--rm DIR] <command> [args…]`: runs the command (in a process group of its
// own) for as long as this process's stdin stays open, and ends it when stdin closes. The
// launcher (scripts/start.mjs) starts every hub and window through it with a pipe on stdin:
// when the launcher exits in any way, even `kill -9`, the kernel closes the pipe, and the
// command with everything it started (Chromium's helpers) goes too, so nothing lingers
// holding the port or the screen. The command's exit code is this process's exit code.
// `--rm DIR`: a folder removed once the command has ended (a window's temporary profile).
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

let argv = process.argv.slice(2);
const remove = argv[0] === '--rm' ? argv[1] : undefined;
if (remove !== undefined) argv = argv.slice(2);
const [command, ...args] = argv;
if (!command) {
  console.error('usage: node scripts/tether.mjs [--rm DIR] <command> [args…]  (ends the command when stdin closes)');
  process.exit(2);
}

/** Grace between SIGTERM and SIGKILL of the command's process group. */
const KILL_AFTER_MS = 3000;

const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
const signalGroup = (signal) => {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
};

let ending = false;
function end() {
  if (ending) return;
  ending = true;
  signalGroup('SIGTERM');
  setTimeout(() => signalGroup('SIGKILL'), KILL_AFTER_MS).unref();
}

child.on('error', (e) => {
  console.error(`tether: ${command}: ${e.message}`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  // Whatever the command left behind in its group goes with it.
  signalGroup('SIGKILL');
  if (remove) rmSync(remove, { recursive: true, force: true });
  process.exit(code ?? (signal ? 128 : 1));
});

process.stdin.on('data', () => undefined);
process.stdin.on('end', end);
process.stdin.on('close', end);
process.stdin.on('error', end);
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, end);
