// perfprog serve: small enhancements; every page works without this file.
(function () {
  "use strict";

  // Drag and drop onto the upload field; the form posts as usual.
  var drop = document.querySelector("#upload-form .drop");
  var input = document.querySelector("#upload-form input[type=file]");
  if (drop && input) {
    ["dragenter", "dragover"].forEach(function (ev) {
      drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (ev) {
      drop.addEventListener(ev, function () { drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        document.getElementById("upload-form").submit();
      }
    });
  }

  // Live progress: poll the job's status and reload when it is finished.
  var status = document.getElementById("job-status");
  if (status && status.getAttribute("data-running") === "true") {
    var url = status.getAttribute("data-status-url");
    var state = status.querySelector(".state");
    var poll = function () {
      fetch(url, { credentials: "same-origin", cache: "no-store" })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          if (state) { state.textContent = s.text; }
          if (s.finished) { window.location.reload(); } else { setTimeout(poll, 1000); }
        })
        .catch(function () { setTimeout(poll, 3000); });
    };
    setTimeout(poll, 1000);
  }
})();
