// Opens a notebook in JupyterLab in headless Chromium, runs all cells, waits for a rendered chart and
// saves a screenshot. Driven by tools/lab/browser_check.sh, which starts JupyterLab with a token and
// --expose-app-in-browser. Usage: node browser_check.mjs URL NOTEBOOK SCREENSHOT [CHROMIUM]
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [url, notebook, screenshot, executable = "/usr/bin/chromium"] = process.argv.slice(2);
if (!url || !notebook || !screenshot) {
  console.error("usage: node browser_check.mjs URL NOTEBOOK SCREENSHOT [CHROMIUM]");
  process.exit(2);
}
const profile = mkdtempSync(join(tmpdir(), "descent-chromium-"));
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: executable,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(Number(process.env.BROWSER_TIMEOUT_MS || 180_000));
  await page.goto(url);
  await page.waitForFunction(() => window.jupyterapp && window.jupyterapp.shell, null, { timeout: 120_000 });
  // The notebook's panel in the main area (found by path: a headless page may have no focused widget).
  await page.evaluate((path) => {
    window.descentPanel = () => Array.from(window.jupyterapp.shell.widgets("main"))
      .find((w) => w.context && w.context.path === path && w.sessionContext);
  }, notebook);
  // Wait until the notebook is open and its kernel (java) has answered a kernel_info request.
  await page.waitForFunction(() => {
    const w = window.descentPanel();
    const kernel = w && w.sessionContext.session && w.sessionContext.session.kernel;
    return kernel && kernel.connectionStatus === "connected";
  });
  const kernelName = await page.evaluate(async () => {
    const kernel = window.descentPanel().sessionContext.session.kernel;
    const info = await kernel.info;
    return `${kernel.name}: ${info.implementation} ${info.implementation_version}`;
  });
  console.log(`browser: ${notebook} open, kernel ${kernelName} ready after ${seconds()} s`);
  await page.evaluate(async () => {
    window.jupyterapp.shell.activateById(window.descentPanel().id);
    await window.jupyterapp.commands.execute("notebook:run-all-cells");
  });
  // Done when every code cell has an execution count and the kernel is idle again.
  await page.waitForFunction(() => {
    const w = window.descentPanel();
    const cells = w.content.widgets.filter((c) => c.model.type === "code");
    return cells.every((c) => c.model.executionCount !== null && c.model.executionCount !== undefined);
  });
  const img = page.locator(".jp-OutputArea-output img").first();
  await img.waitFor({ state: "attached" });
  await img.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => {
    const i = document.querySelector(".jp-OutputArea-output img");
    return i && i.complete && i.naturalWidth > 0;
  });
  const stats = await page.evaluate(() => ({
    images: document.querySelectorAll(".jp-OutputArea-output img").length,
    errors: document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length,
    width: document.querySelector(".jp-OutputArea-output img").naturalWidth,
  }));
  await page.screenshot({ path: screenshot });
  console.log(`browser: all cells run after ${seconds()} s; ${stats.images} chart image(s) rendered `
    + `(first ${stats.width} px wide), ${stats.errors} error output(s); screenshot ${screenshot}`);
  if (stats.errors > 0 || stats.images === 0) process.exitCode = 1;
} catch (e) {
  console.error(`browser: FAILED after ${seconds()} s: ${e.message}`);
  try {
    const failed = screenshot.replace(/\.png$/, "-failed.png");
    await context.pages()[0].screenshot({ path: failed });
    console.error(`browser: screenshot of the failure in ${failed}`);
  } catch (ignored) { /* no page */ }
  process.exitCode = 1;
} finally {
  if (context) await context.close();
  rmSync(profile, { recursive: true, force: true });
}
