/**
 * Renders the Teams cards a person sees (a check, a plan, a result) with the adaptivecards renderer in headless
 * Chromium, to PNG files to look at: `node --import tsx scripts/render-cards.ts [out dir]`. The messages are the
 * bot's own, asked of the sample fleet through the dialogs (test/support/bot-harness.ts), and rendered by the
 * Teams door's renderCard. Needs a Chromium (Debian: `apt-get install chromium`; CHROMIUM=/path otherwise).
 * Not part of `npm test`: it is for a person's eyes.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { renderCard } from "../src/adapters/teams/adaptive-card.js";
import { renderJobResult } from "../src/dialogs/job.message.js";
import type { BotMessage } from "../src/dialogs/message.js";
import { alice, button, startHarness } from "../test/support/bot-harness.js";

const outDir = process.argv[2] ?? "/tmp/rpbot-cards";
const require = createRequire(import.meta.url);
const rendererJs = readFileSync(require.resolve("adaptivecards/dist/adaptivecards.js"), "utf8");
const rendererCss = readFileSync(require.resolve("adaptivecards/dist/adaptivecards.css"), "utf8");

async function messages(): Promise<Record<string, BotMessage>> {
  const h = await startHarness();
  try {
    const check = await h.say(alice, "can I snapshot vm-sql-01?");
    const plan = await h.say(alice, "create vm-web-02 crash");
    await h.press(alice, button(plan, /^Create crash/));
    await h.runtime.jobs.idle();
    const [job] = await h.runtime.store.jobs.listRecent({ limit: 1 });
    if (!job) throw new Error("no job was created");
    return { check, plan, result: renderJobResult(job, "Europe/Paris").update };
  } finally {
    await h.close();
  }
}

function page(card: unknown): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${rendererCss}
body { font-family: "Segoe UI", sans-serif; background: #f5f5f5; margin: 16px; width: 560px; }
#card { background: white; border-radius: 4px; box-shadow: 0 1px 3px #0003; }</style></head>
<body><div id="card"></div><script>${rendererJs}</script><script>
// Teams renders TextBlock text as Markdown; the standalone renderer shows it raw unless told how. Enough of
// Markdown for the bot's cards: its escapes and links.
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  const html = text.replace(/&/g, "&amp;").replace(/</g, "&lt;")
    .replace(/\\\\([\\\\*_\\[\\]])/g, "$1");
  result.outputHtml = "<p>" + html.replace(/\\n\\n/g, "</p><p>") + "</p>";
  result.didProcess = true;
};
const card = new AdaptiveCards.AdaptiveCard();
card.parse(${JSON.stringify(card)});
document.getElementById("card").appendChild(card.render());
</script></body></html>`;
}

const rendered = await messages();
mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
try {
  for (const [name, message] of Object.entries(rendered)) {
    const tab = await browser.newPage({ viewport: { width: 600, height: 400 } });
    await tab.setContent(page(renderCard(message)));
    // Open the details, if any, to see them too.
    const details = tab.getByRole("button", { name: "Details" });
    if ((await details.count()) > 0) await details.first().click();
    const file = join(outDir, `${name}.png`);
    await tab.locator("#card").screenshot({ path: file });
    console.log(file);
  }
} finally {
  await browser.close();
}
