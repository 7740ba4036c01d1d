// Run axe-core (WCAG 2.0/2.1/2.2 A and AA rules) over exported pages in headless Chromium.
// usage: node axe_check.js CHROMIUM AXE_JS PUPPETEER_DIR FILE...   prints one JSON object.
const [chromium, axePath, puppeteerDir, ...files] = process.argv.slice(2);
const puppeteer = require(require("path").join(puppeteerDir, "puppeteer-core"));
const fs = require("fs");

(async () => {
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"],
  });
  const axeSource = fs.readFileSync(axePath, "utf8");
  const results = {};
  try {
    for (const file of files) {
      const page = await browser.newPage();
      await page.setBypassCSP(true); // the pages forbid scripts; axe is injected for the check only
      await page.setViewport({ width: 320, height: 640 });
      await page.goto("file://" + file, { waitUntil: "load" });
      await page.addScriptTag({ content: axeSource });
      const outcome = await page.evaluate(async () => {
        const r = await window.axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        });
        return {
          violations: r.violations.map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) })),
          scrollWidth: document.documentElement.scrollWidth,
          smallestTocLink: Math.min(
            ...Array.from(document.querySelectorAll(".ns-toc a")).map((a) => a.getBoundingClientRect().height),
            999,
          ),
        };
      });
      results[file] = outcome;
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(results));
})().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e));
  process.exit(1);
});
