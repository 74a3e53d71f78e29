// The meeting deck: one PDF of the dashboard's node and period, written by Rust where the save
// dialog says; the button counts the pages as they are drawn, and a Stop button beside it ends
// the deck after the current page with nothing written.
import { call, channel } from "../api.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";

/** Writes the deck of `section`'s node and period; `button` shows the progress meanwhile. */
export async function meetingDeck(section, button) {
  const label = button.textContent;
  button.disabled = true;
  let stop = null;
  try {
    const onProgress = channel((p) => {
      button.textContent = t("dash.deck.writing", { done: p.done, total: p.total });
      // The pages have started (the save dialog was answered): the deck can be stopped.
      if (!stop) {
        stop = h("button", { class: "tb", id: "deck-stop", onclick: () => {
          stop.disabled = true;
          call("dashboard_deck_stop").catch((err) => section.app.showError(err));
        } }, t("dash.deck.stop"));
        button.after(stop);
      }
    });
    const deck = await call("dashboard_deck", { node: section.nav.node, period: section.view.report.period, onProgress });
    if (deck) section.app.showNotice(t("dash.deck.saved", { name: deck.out.split(/[\\/]/).pop(), pages: deck.pages }));
  } catch (err) {
    // Stopped by the user: said as a notice, not an error.
    if (err?.code === "deck_stopped") section.app.showNotice(err.message);
    else section.app.showError(err);
  } finally {
    stop?.remove();
    button.textContent = label;
    button.disabled = false;
  }
}
