// The person's own copy: its "Print" button, shown only where this script runs.
document.documentElement.classList.add("copy-has-js");
for (const button of document.querySelectorAll('[data-module="app-print"]')) {
  button.addEventListener("click", () => window.print());
}
