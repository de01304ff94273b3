// Once django-otp-webauthn's script has added a passkey, the page that lists them shows it.
document.addEventListener("otp_webauthn.register_complete", (event) => {
  const holder = event.target.closest("[data-passkey-next]");
  window.location.assign(holder?.dataset.passkeyNext || window.location.href);
});
