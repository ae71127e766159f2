// Small progressive enhancements; every page works without this file.
// Forms marked data-busy show their progress note while the server works. A download leaves the
// page in place, so the note is cleared after a minute, or when the page is shown again.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.matches("[data-busy]")) {
    form.classList.add("busy");
    window.setTimeout(function () { form.classList.remove("busy"); }, 60000);
  }
});
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form.busy").forEach(function (form) { form.classList.remove("busy"); });
});
// The menu (a <details>) closes with Escape and gives the focus back to its "Meny" button.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") return;
  var menu = document.querySelector("details.site-menu[open]");
  if (menu && menu.contains(document.activeElement)) {
    menu.open = false;
    menu.querySelector("summary").focus();
  }
});

// Idle timeout (WCAG 2.2.1): warn before the session ends and offer to stay logged in.
(function () {
  var box = document.getElementById("session-warning");
  if (!box) { return; }
  var idle = Number(box.dataset.sessionSeconds) * 1000;
  var lead = Number(box.dataset.warningSeconds) * 1000;
  var timers = [];
  function show(state) {
    box.querySelectorAll("[data-active]").forEach(function (el) { el.hidden = state !== "active"; });
    box.querySelector("[data-expired]").hidden = state !== "expired";
    box.hidden = false;
    box.querySelector(state === "active" ? "button" : "[data-expired] a").focus();
  }
  function schedule() {
    timers.forEach(window.clearTimeout);
    timers = [
      window.setTimeout(function () { show("active"); }, idle - lead),
      window.setTimeout(function () { show("expired"); }, idle),
    ];
  }
  box.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    fetch(event.target.action, {
      method: "POST", body: new FormData(event.target), credentials: "same-origin", redirect: "manual",
    }).then(function (response) {
      if (response.status === 204) { box.hidden = true; schedule(); } else { show("expired"); }
    }, function () { show("expired"); });
  });
  schedule();
})();
