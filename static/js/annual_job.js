// The freeze job's page (reporting/annual_job.html): asks the server how the job goes every second and
// shows it, without reloading the page. When the job is done it offers the files; when it failed the page
// is loaded once more, to show the message and the "Försök igen" button. Without this file the page
// refreshes itself (<noscript> meta refresh).
(function () {
  var box = document.querySelector("[data-job-status][data-job-active]");
  if (!box) { return; }
  var url = box.dataset.jobStatus;
  var text = box.querySelector("[data-job-text]");
  var state = box.querySelector("[data-job-state]");

  function show(status) {
    text.textContent = status.text;
    state.textContent = status.state_label;
    if (!status.finished) { return false; }
    if (status.state !== "done") { window.location.reload(); return true; }
    text.className = "success";
    var list = box.querySelector("[data-job-files]");
    list.replaceChildren();
    status.files.forEach(function (file) {
      var link = document.createElement("a");
      link.href = file.url;
      link.textContent = file.label;
      var item = document.createElement("li");
      item.appendChild(link);
      list.appendChild(item);
    });
    box.querySelector("[data-job-files-heading]").hidden = status.files.length === 0;
    var report = box.querySelector("[data-job-report]");
    report.querySelector("a").href = status.report_url;
    report.hidden = !status.report_url;
    return true;
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (!status || !show(status)) { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
