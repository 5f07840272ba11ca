// Opens a notebook in JupyterLab in headless Chromium, runs all cells, waits for a rendered chart and
// an HTML table and saves screenshots of both; then appends a full-mode training cell, waits for its
// live chart (screenshot live-training.png), presses the stop button, expects the cell to end within
// 2 s, and runs a further training cell expecting its result. Driven by tools/lab/browser_check.sh, which starts JupyterLab with a token and
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

  // An HTML table as the library's renderer shows it.
  const table = page.locator(".jp-OutputArea-output table").first();
  const tableShot = screenshot.replace(/\.png$/, "-table.png");
  if (await table.count() === 0) {
    console.error("browser: no HTML table in the notebook's outputs");
    process.exitCode = 1;
  } else {
    await table.scrollIntoViewIfNeeded();
    await page.screenshot({ path: tableShot });
    console.log(`browser: HTML table rendered; screenshot ${tableShot}`);
  }

  // The stop button: a full-mode training cell shows its live chart, is interrupted, and the kernel
  // then runs a further training cell normally.
  const full = "import org.descentlab.data.*;\nimport org.descentlab.experiment.*;\nimport org.descentlab.train.*;\n"
    + "var browserSplits = MnistCache.loadStandard();\n"
    + "new Training(Experiments.get(\"batchsize-64\").configs(false, 100).get(0), browserSplits).run()";
  const after = "\"after the interrupt: \" + new Training(Experiments.get(\"batchsize-64\").configs(true, 1).get(0), "
    + "browserSplits).run().epochs().size() + \" epoch\"";
  const appendAndRun = async (code) => page.evaluate(async (source) => {
    const nb = window.descentPanel().content;
    nb.activeCellIndex = nb.widgets.length - 1;
    await window.jupyterapp.commands.execute("notebook:insert-cell-below");
    nb.activeCell.model.sharedModel.setSource(source);
    const cell = nb.widgets[nb.widgets.length - 1];
    window.descentLastCell = () => cell;
    window.jupyterapp.commands.execute("notebook:run-cell").catch(() => {});
  }, code);
  // The kernel's resident memory (native tensors included), read inside the kernel from /proc.
  const rssCell = "\"kernel RSS \" + org.descentlab.util.ProcessMemory.megabytes("
    + "org.descentlab.util.ProcessMemory.residentBytes()) + \" MB\"";
  const kernelRss = async () => {
    await appendAndRun(rssCell);
    await page.waitForFunction(() => /kernel RSS -?\d+ MB/.test(window.descentLastCell().node.innerText),
      null, { timeout: 60_000 });
    return Number(/kernel RSS (-?\d+) MB/.exec(await page.evaluate(() => window.descentLastCell().node.innerText))[1]);
  };
  const rssBefore = await kernelRss();
  await appendAndRun(full);
  await page.waitForFunction(() => {
    const c = window.descentLastCell();
    const img = c && c.node.querySelector(".jp-OutputArea-output img");
    return img && img.complete && img.naturalWidth > 0 && /epoch \d+\/100/.test(c.node.innerText);
  }, null, { timeout: 300_000 });
  const liveShot = screenshot.replace(/notebook-[^/]*\.png$/, "live-training.png");
  await page.locator(".jp-OutputArea-output img").last().scrollIntoViewIfNeeded();
  await page.screenshot({ path: liveShot });
  const line = await page.evaluate(() => window.descentLastCell().node.innerText.split("\n")
    .find((l) => /epoch \d+\/100/.test(l)));
  console.log(`browser: live training chart and line mid-run (${line.trim()}); screenshot ${liveShot}`);
  const stop = page.locator('[data-command="notebook:interrupt-kernel"]').first();
  const pressed = Date.now();
  await stop.click();
  await page.waitForFunction(() => {
    const c = window.descentLastCell();
    return c.model.executionCount !== null && c.model.executionCount !== undefined;
  }, null, { timeout: 60_000 });
  const stopSeconds = (Date.now() - pressed) / 1000;
  const stopped = await page.evaluate(() => window.descentLastCell().node.innerText);
  console.log(`browser: stop button pressed, the training cell ended after ${stopSeconds.toFixed(2)} s `
    + `(${/interrupt/i.test(stopped) ? "reported as interrupted" : "no interrupt message"})`);
  if (stopSeconds > 2 || !/interrupt/i.test(stopped)) process.exitCode = 1;
  const resumed = Date.now();
  await appendAndRun(after);
  await page.waitForFunction(() => /after the interrupt: 1 epoch/.test(window.descentLastCell().node.innerText),
    null, { timeout: 180_000 });
  console.log(`browser: the next training cell ran normally after the interrupt (${((Date.now() - resumed) / 1000).toFixed(1)} s)`);
  // Native memory is released: the interrupted run's tensors are gone once the next cell has run,
  // and a further training cell does not add to what stays resident.
  const rssAfter = await kernelRss();
  await appendAndRun(after.replace("after the interrupt", "once more"));
  await page.waitForFunction(() => /once more: 1 epoch/.test(window.descentLastCell().node.innerText),
    null, { timeout: 180_000 });
  const rssAgain = await kernelRss();
  console.log(`browser: kernel resident memory ${rssBefore} MB before the full-mode cell (MNIST not loaded), `
    + `${rssAfter} MB after the interrupt and one more training cell, ${rssAgain} MB after a further one`);
  if (rssAgain > rssAfter + 50) {
    console.error(`browser: resident memory grew by ${rssAgain - rssAfter} MB over one training cell (limit 50 MB)`);
    process.exitCode = 1;
  }
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
