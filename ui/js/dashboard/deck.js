// The meeting deck: one PDF of the dashboard's node and period, written by Rust where the save
// dialog says; the button counts the pages as they are drawn.
import { call, channel } from "../api.js";
import { t } from "../i18n.js";

/** Writes the deck of `section`'s node and period; `button` shows the progress meanwhile. */
export async function meetingDeck(section, button) {
  const label = button.textContent;
  button.disabled = true;
  try {
    const onProgress = channel((p) => { button.textContent = t("dash.deck.writing", { done: p.done, total: p.total }); });
    const deck = await call("dashboard_deck", { node: section.nav.node, period: section.view.report.period, onProgress });
    if (deck) section.app.showNotice(t("dash.deck.saved", { name: deck.out.split(/[\\/]/).pop(), pages: deck.pages }));
  } catch (err) {
    section.app.showError(err);
  } finally {
    button.textContent = label;
    button.disabled = false;
  }
}
