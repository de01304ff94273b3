// Runs only in browsers that support ES modules, as GOV.UK Frontend expects.
import { initAll } from "../govuk/js/govuk-frontend.min.js";
import { autosave } from "./autosave.js";
import { watchSession } from "./session.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// "Print this page" buttons: shown only where this script runs (see app.css).
for (const button of document.querySelectorAll('[data-module="app-print"]')) {
  button.addEventListener("click", () => window.print());
}

for (const form of document.querySelectorAll("form[data-autosave]")) {
  autosave(form);
}

watchSession(document.body);
