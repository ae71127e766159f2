// Small progressive enhancements; every page works without this file.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.matches("[data-busy]")) {
    form.classList.add("busy");
  }
});
