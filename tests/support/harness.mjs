// What the JS test suites share: the mock API started as the demo starts it,
// and headless Chromium launched the one way that works on these machines.
import { spawn } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

const started = [];

/**
 * Starts target/release/jifeline-mock on a free port with `args`
 * (e.g. ["--www", dir, "--pkg", dir]) and resolves to its origin.
 */
export function startMock(args = []) {
  const mock = spawn(join(root, "target", "release", "jifeline-mock"), ["--port", "0", ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(mock);
  let stderr = "";
  mock.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    let out = "";
    mock.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    mock.on("exit", (code) => reject(new Error(`jifeline-mock exited with ${code}: ${stderr}`)));
  });
}

/** Stops every mock this process started. */
export function stopMocks() {
  for (const m of started.splice(0)) m.kill();
}

/**
 * Debian's Chromium, headless, with the flags this closed network needs
 * (background networking off, or its connection attempts fail noisily).
 */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROME_BIN ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
