/**
 * Starts the real system (tests/support/e2e_stack.py: database, API serving the built app,
 * worker) before the tests and stops it after them. The stack also stops by itself if this
 * process dies, because it watches its stdin.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { resolve } from "node:path";
import { createInterface } from "node:readline";

const root = resolve(import.meta.dirname, "..", "..");
const STARTUP_MS = 180_000;

interface StackInfo {
  baseURL: string;
  admin: { username: string; password: string };
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const python = process.env.PYTHON ?? resolve(root, ".venv/bin/python");
  const logs = resolve(root, "frontend/test-results/stack");
  const stack = spawn(python, ["-m", "tests.support.e2e_stack", logs], {
    cwd: root,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: stack.stdout });
  const started = new Promise<StackInfo>((resolveInfo, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the e2e stack did not start within ${STARTUP_MS / 1000}s (logs: ${logs})`));
    }, STARTUP_MS);
    lines.on("line", (line) => {
      if (!line.startsWith("{")) return;
      clearTimeout(timer);
      resolveInfo(JSON.parse(line) as StackInfo);
    });
    stack.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the e2e stack exited with ${code ?? "a signal"} before it was ready`));
    });
  });
  const stop = async () => {
    if (stack.exitCode !== null) return;
    const exited = once(stack, "exit");
    stack.stdin.end();
    const killer = setTimeout(() => stack.kill("SIGKILL"), 60_000);
    await exited;
    clearTimeout(killer);
  };
  try {
    const info = await started;
    process.env.SKYQUEUE_E2E_BASE_URL = info.baseURL;
    process.env.SKYQUEUE_E2E_ADMIN = JSON.stringify(info.admin);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
