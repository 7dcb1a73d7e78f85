// Progressive enhancement only: every page reads and works without this script.
(function () {
  "use strict";

  // A run in progress: follow its event stream and swap in the live part it sends.
  function followRun(live) {
    var url = live.getAttribute("data-events");
    if (!url || !window.EventSource) {
      return;
    }
    var source = new EventSource(url);
    source.addEventListener("update", function (event) {
      var update = JSON.parse(event.data);
      live.innerHTML = update.html;
      document.title = document.title.replace(/^.*? run #/, update.suite + " run #");
      if (update.finished) {
        live.removeAttribute("data-events");
      }
    });
    source.addEventListener("end", function () {
      source.close();
      live.setAttribute("data-finished", "true");
    });
  }

  // A log: show its search box, and on typing hide the lines that do not contain the text.
  function searchLog(input) {
    var log = document.getElementById(input.getAttribute("data-log-search"));
    var count = document.querySelector("[data-log-count='" + log.id + "']");
    var lines = log.querySelectorAll(".line");
    input.closest(".log-search").hidden = false;
    input.addEventListener("input", function () {
      var wanted = input.value.toLowerCase();
      var shown = 0;
      lines.forEach(function (line) {
        var match = wanted === "" || line.textContent.toLowerCase().indexOf(wanted) >= 0;
        line.hidden = !match;
        if (match) {
          shown++;
        }
      });
      count.textContent = wanted === "" ? "" : shown + " of " + lines.length + " lines";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var live = document.querySelector("[data-events]");
    if (live) {
      followRun(live);
    }
    document.querySelectorAll("[data-log-search]").forEach(searchLog);
    // A gate whose verdict may still change: read it again every few seconds.
    var waiting = document.querySelector("[data-reload-seconds]");
    if (waiting) {
      setTimeout(function () { window.location.reload(); }, 1000 * Number(waiting.getAttribute("data-reload-seconds")));
    }
  });
})();
