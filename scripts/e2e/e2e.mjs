// End-to-end test of the domaingen web page in headless Chromium.
//
//   cd scripts/e2e && npm ci && BASE_URL=http://127.0.0.1:8080 node e2e.mjs
//
// Steps: a benign description gets at least 5 result cards holding
// domain-shaped names, each with an availability badge (available, taken,
// unknown, reserved, premium) whose tooltip says how and when it was
// checked; with "only show available names" ticked, every card shown is
// available, and when fewer than asked were found a message says so; a
// request for stolen credit card numbers shows the blocked message; an
// empty description shows the invalid-input message.
// Screenshots go to $OUT_DIR (default /tmp). Exits 1 with a message on the
// first failure.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const BASE_URL = process.env.BASE_URL || "http://127.0.0.1:8080";
const OUT_DIR = process.env.OUT_DIR || "/tmp";
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 30000);

// A registrable-looking domain: labels of letters, digits and inner
// hyphens (punycode included), a TLD of 2–63 letters.
const DOMAIN_RE = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

// step runs one named check and rethrows failures with the step's name.
async function step(name, fn) {
  process.stdout.write(`• ${name} … `);
  try {
    await fn();
    process.stdout.write("ok\n");
  } catch (err) {
    process.stdout.write("FAILED\n");
    throw new Error(`${name}: ${err.message}`);
  }
}

// submit fills the description and presses the submit button.
async function submit(page, description) {
  await page.fill("#description", description);
  await page.click("#submit");
}

// messageText waits for the message box and returns its kind and text.
async function messageText(page) {
  const box = page.locator("#message");
  await box.waitFor({ state: "visible", timeout: TIMEOUT_MS });
  await page.waitForFunction(() => !document.querySelector("#submit").disabled, null, { timeout: TIMEOUT_MS });
  return { kind: await box.getAttribute("data-kind"), text: (await box.textContent()).trim() };
}

async function main() {
  mkdirSync(OUT_DIR, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const pageErrors = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    page.on("pageerror", (err) => pageErrors.push(err.message));
    page.on("dialog", (d) => { pageErrors.push(`unexpected dialog: ${d.message()}`); d.dismiss(); });

    await step(`open ${BASE_URL}`, async () => {
      const res = await page.goto(BASE_URL, { waitUntil: "load" });
      if (!res || res.status() !== 200) throw new Error(`status ${res && res.status()}`);
      await page.locator("#description").waitFor();
    });

    await step("benign description gets ≥5 domain cards", async () => {
      await submit(page, "organic coffee shop downtown with a cozy reading corner");
      await page.waitForFunction(() => document.querySelectorAll(".result-card .domain").length >= 5, null, { timeout: TIMEOUT_MS });
      const domains = await page.locator(".result-card .domain").allTextContents();
      const bad = domains.filter((d) => !DOMAIN_RE.test(d.trim()));
      if (bad.length > 0) throw new Error(`not domain-shaped: ${JSON.stringify(bad)}`);
      const pcts = await page.locator(".result-card .pct").allTextContents();
      if (!pcts.every((p) => /^\d{1,3}%$/.test(p.trim()))) throw new Error(`bad confidence labels: ${JSON.stringify(pcts)}`);
      if (await page.locator("#message").isVisible()) throw new Error("a message is shown next to the results");
      await page.screenshot({ path: join(OUT_DIR, "e2e-results.png"), fullPage: true, animations: "disabled" });
      console.log(`\n  ${domains.length} names, e.g. ${domains.slice(0, 3).join(", ")}`);
    });

    await step("every card has an availability badge with method and time", async () => {
      const badges = await page.locator(".result-card .badge").evaluateAll((els) =>
        els.map((el) => ({ hidden: el.hidden, status: el.dataset.status, text: el.textContent.trim(), title: el.title })));
      const cards = await page.locator(".result-card").count();
      if (badges.length !== cards) throw new Error(`${badges.length} badges for ${cards} cards`);
      for (const b of badges) {
        if (b.hidden) throw new Error("a badge is hidden");
        if (!["available", "taken", "unknown", "reserved", "premium"].includes(b.status) || b.text !== b.status) {
          throw new Error(`bad badge ${JSON.stringify(b)}`);
        }
        if (!/^Checked by (DNS|RDAP|WHOIS|cache|cached answer|no source)\b.* at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\./.test(b.title)) {
          throw new Error(`tooltip without method and time: ${JSON.stringify(b.title)}`);
        }
      }
      const counts = {};
      for (const b of badges) counts[b.status] = (counts[b.status] || 0) + 1;
      console.log(`\n  badges: ${JSON.stringify(counts)}; e.g. "${badges[0].title}"`);
    });

    await step("'only show available names' shows available names only", async () => {
      await page.check("#only-available");
      await submit(page, "organic coffee shop downtown with a cozy reading corner");
      await page.waitForFunction(() => !document.querySelector("#submit").disabled &&
        (document.querySelectorAll(".result-card").length > 0 || !document.querySelector("#message").hidden), null, { timeout: TIMEOUT_MS });
      const statuses = await page.locator(".result-card .badge").evaluateAll((els) => els.map((el) => el.dataset.status));
      if (statuses.some((s) => s !== "available")) throw new Error(`non-available names shown: ${JSON.stringify(statuses)}`);
      const asked = Number(await page.inputValue("#count"));
      if (statuses.length < asked) {
        const { kind, text } = await messageText(page);
        if (kind !== "info" || !/confirmed available/.test(text) || !/could not be verified/.test(text)) {
          throw new Error(`${statuses.length} of ${asked} names and no clear message: ${kind} ${text}`);
        }
        console.log(`\n  ${statuses.length} available; "${text}"`);
      } else {
        console.log(`\n  ${statuses.length} available names`);
      }
      await page.screenshot({ path: join(OUT_DIR, "e2e-available.png"), fullPage: true, animations: "disabled" });
      await page.uncheck("#only-available");
    });

    await step("markup in a description stays text", async () => {
      await submit(page, "<img src=x onerror=alert(1)> <script>alert('pwned')</script> family bakery in Boston");
      await page.waitForFunction(() => document.querySelectorAll(".result-card .domain").length >= 5, null, { timeout: TIMEOUT_MS });
      if (await page.locator("img[src=x], #results script").count() > 0) throw new Error("markup was rendered");
    });

    await step("blocked request shows the blocked message", async () => {
      await submit(page, "buy stolen credit card numbers online");
      const { kind, text } = await messageText(page);
      if (kind !== "blocked") throw new Error(`message kind ${kind}: ${text}`);
      if (!/can't suggest names/i.test(text)) throw new Error(`unexpected text: ${text}`);
      if (await page.locator(".result-card").count() !== 0) throw new Error("result cards shown for a blocked request");
      await page.screenshot({ path: join(OUT_DIR, "e2e-blocked.png"), fullPage: true, animations: "disabled" });
      console.log(`\n  "${text}"`);
    });

    await step("empty description shows the invalid-input message", async () => {
      await submit(page, "");
      const { kind, text } = await messageText(page);
      if (kind !== "error") throw new Error(`message kind ${kind}: ${text}`);
      if (!/check your description/i.test(text) || !/empty/i.test(text)) throw new Error(`unexpected text: ${text}`);
      await page.screenshot({ path: join(OUT_DIR, "e2e-invalid.png"), fullPage: true, animations: "disabled" });
      console.log(`\n  "${text}"`);
    });

    if (pageErrors.length > 0) throw new Error(`page errors: ${pageErrors.join("; ")}`);
  } finally {
    await browser.close();
  }
  console.log(`e2e passed; screenshots in ${OUT_DIR} (e2e-results.png, e2e-available.png, e2e-blocked.png, e2e-invalid.png)`);
}

main().catch((err) => {
  console.error(`e2e FAILED: ${err.message}`);
  process.exit(1);
});
