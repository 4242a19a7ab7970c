// Run the locked Lighthouse on many URLs with one Chromium.
//
//   node tests/support/lighthouse.mjs JOBS.json
//
// JOBS.json: {"categories": [...], "fast": true|false,
//             "jobs": [{"url": "...", "formFactor": "mobile"|"desktop"}, ...]}
// Prints one JSON object per job, one per line: url, formFactor, scores
// (0-100 or null), transferred (bytes or null), failing ({category: [audit
// lines]}), or error. Chromium is Debian's: CHROME_PATH (default
// /usr/bin/chromium). "fast" shortens Lighthouse's quiet-period waits, which
// only timing audits need: use it when performance is not asked for.
import fs from "node:fs";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import * as chromeLauncher from "chrome-launcher";

const spec = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
  ],
  logLevel: "silent",
});

const quick = spec.fast
  ? {
    pauseAfterFcpMs: 0, pauseAfterLoadMs: 250, networkQuietThresholdMs: 250, cpuQuietThresholdMs: 250,
    disableFullPageScreenshot: true, skipAboutBlank: true,
  }
  : { disableFullPageScreenshot: true };

try {
  for (const job of spec.jobs) {
    const flags = { port: chrome.port, output: "json", logLevel: "error", onlyCategories: spec.categories };
    const config = job.formFactor === "desktop"
      ? { ...desktopConfig, settings: { ...desktopConfig.settings, ...quick } }
      : { extends: "lighthouse:default", settings: { ...quick } };
    let line;
    try {
      const { lhr } = await lighthouse(job.url, flags, config);
      const scores = {}, failing = {};
      for (const [key, category] of Object.entries(lhr.categories)) {
        scores[key] = category.score === null ? null : Math.round(category.score * 100);
        failing[key] = category.auditRefs
          .filter((ref) => ref.weight > 0)
          .map((ref) => lhr.audits[ref.id])
          .filter((audit) => audit.score !== null && audit.score < 1)
          .map((audit) => `${audit.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ""}`);
      }
      const weight = lhr.audits["total-byte-weight"];
      line = {
        url: job.url, formFactor: job.formFactor, scores, failing,
        transferred: weight && weight.numericValue !== undefined ? Math.round(weight.numericValue) : null,
        error: lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : null,
      };
    } catch (error) {
      line = { url: job.url, formFactor: job.formFactor, error: String(error && error.stack || error) };
    }
    process.stdout.write(JSON.stringify(line) + "\n");
  }
} finally {
  await chrome.kill();
}
