// While a job runs, fetches its page every few seconds and puts the new status in place
// (announced politely by screen readers), until it has finished. Without JavaScript,
// reloading the page shows the same.
const status = document.getElementById("job-status");

async function refresh() {
  const response = await fetch(window.location.href, { credentials: "same-origin" });
  if (!response.ok) {
    return;
  }
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = page.getElementById("job-status");
  if (!fresh) {
    return;
  }
  status.innerHTML = fresh.innerHTML;
  status.dataset.finished = fresh.dataset.finished;
  if (fresh.dataset.finished !== "yes") {
    setTimeout(refresh, 3000);
  }
}

if (status && status.dataset.finished !== "yes") {
  setTimeout(refresh, 3000);
}
