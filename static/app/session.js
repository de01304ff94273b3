// Warns two minutes before an idle sign-out, and offers to stay signed in.
// Without JavaScript the session still ends after the same time, and anything
// sent after that is kept for when the user signs in again.

function inWords(seconds) {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60);
    return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  }
  return seconds === 1 ? "1 second" : `${seconds} seconds`;
}

export function watchSession(body) {
  const total = Number(body.dataset.sessionSeconds);
  const warning = Number(body.dataset.sessionWarningSeconds);
  const statusUrl = body.dataset.sessionStatusUrl;
  const dialog = document.getElementById("timeout-dialog");
  if (!total || !dialog || typeof dialog.showModal !== "function") {
    return;
  }
  const countdown = dialog.querySelector("[data-timeout-countdown]");
  const keepAlive = dialog.querySelector("[data-timeout-keep-alive]");
  let timer = null;
  let ticker = null;
  let deadline = 0;

  function schedule(secondsLeft) {
    clearTimeout(timer);
    timer = setTimeout(check, Math.max(0, secondsLeft - warning) * 1000);
  }

  async function ask(url, options = {}) {
    const response = await fetch(url, {
      credentials: "same-origin",
      redirect: "manual",
      headers: { Accept: "application/json" },
      ...options,
    });
    // A redirect means the session has already ended.
    return response.ok ? (await response.json()).seconds_left : 0;
  }

  async function check() {
    // Another tab may have kept the session going: ask before warning.
    let left;
    try {
      left = await ask(statusUrl);
    } catch {
      left = warning;
    }
    if (left > warning + 5) {
      schedule(left);
    } else {
      warn(left);
    }
  }

  function warn(left) {
    deadline = Date.now() + left * 1000;
    tick();
    if (!dialog.open) {
      dialog.showModal();
    }
    clearInterval(ticker);
    ticker = setInterval(tick, 1000);
  }

  function tick() {
    const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    countdown.textContent = inWords(left);
    if (left === 0) {
      signedOut();
    }
  }

  function signedOut() {
    clearInterval(ticker);
    dialog.querySelector("h2").textContent = "You have been signed out";
    dialog.querySelector("p").textContent =
      "You did not use the service for a while. What you typed on this page is still here: " +
      "when you save it you will be asked to sign in, and it will be kept.";
    keepAlive.querySelector("button").textContent = "Close";
    keepAlive.dataset.closes = "true";
  }

  keepAlive.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (keepAlive.dataset.closes) {
      dialog.close();
      return;
    }
    try {
      const left = await ask(keepAlive.action, { method: "POST", body: new FormData(keepAlive) });
      if (left > warning) {
        clearInterval(ticker);
        dialog.close();
        schedule(left);
        return;
      }
      if (left > 0) {
        // The session's absolute limit is near: staying cannot push it back.
        warn(left);
        return;
      }
    } catch {
      // Fall through: the page stays as it is, and the dialog says the session ended.
    }
    signedOut();
  });

  schedule(total);
}
