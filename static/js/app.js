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
