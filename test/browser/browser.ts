/**
 * Debian's Chromium (/usr/bin/chromium, from apt; `.ci/run` installs it) driven by playwright-core:
 * nothing is downloaded. Each launch gets a fresh profile directory, and Chromium's own traffic to
 * Google's services is switched off (the machines that run these tests have no way out).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Where screenshots go; CI keeps the folder as an artifact. */
const SCREENSHOTS = path.resolve(import.meta.dirname, "../../artifacts/screenshots");

export interface TestBrowser {
  /** The browser's one context (its profile): cookies live here. */
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium with a new, empty profile; a laptop-sized window unless told otherwise. */
export async function launchChromium(viewport = { width: 1280, height: 800 }): Promise<TestBrowser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "rivulet-chromium-"));
  // A persistent context is how playwright takes a profile directory (--user-data-dir) of ours.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
