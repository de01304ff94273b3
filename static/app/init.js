// Runs only in browsers that support ES modules, as GOV.UK Frontend expects.
import { initAll } from "../govuk/js/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
