// Saves a draft section a moment after the practitioner stops typing.
// Progressive: without JavaScript, "Save and continue" saves as before.

const PAUSE = 2000; // milliseconds without typing before a save

export function autosave(form) {
  const status = document.querySelector("[data-autosave-status]");
  let timer = null;
  let saving = false;
  let again = false;

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  async function save() {
    if (saving) {
      again = true;
      return;
    }
    saving = true;
    try {
      const response = await fetch(form.action || window.location.href, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        redirect: "manual",
        headers: { "X-Autosave": "1", Accept: "application/json" },
      });
      if (response.ok) {
        const result = await response.json();
        if (form.elements.version) {
          form.elements.version.value = result.version;
        }
        const time = new Date().toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
        say(`Draft saved at ${time}`);
      } else if (response.status === 409) {
        say("Not saved: someone has changed this record since you opened it. Save the page to see what changed.");
      } else if (response.status === 422) {
        say("Draft not saved yet: some answers are not finished.");
      } else {
        say("You have been signed out. Save the page to keep what you typed: you will be asked to sign in.");
      }
    } catch {
      say("Draft not saved: check your connection. What you typed is still here.");
    } finally {
      saving = false;
      if (again) {
        again = false;
        save();
      }
    }
  }

  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(save, PAUSE);
  });
}
