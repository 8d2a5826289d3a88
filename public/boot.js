// The first thing on every page, inlined by trunk (so it runs before the
// stylesheet and the app, and the CSP allows it by its hash): the chosen
// theme before the first paint, and the prerendered quiz screen's answers
// and Next before the quiz app runs (see index.html).
(function () {
  var root = document.documentElement;
  try {
    var t = localStorage.getItem("opmodel.theme");
    if (t === "light" || t === "dark") root.dataset.theme = t;
  } catch (e) {}
  function find(selector) { return document.querySelector("#prerendered " + selector); }
  function answered() {
    var next = find("[data-testid=next]");
    if (next && !next.dataset.asked) next.disabled = false;
  }
  function goOn() {
    var next = find("[data-testid=next]");
    if (!next || next.disabled) return;
    document.getElementById("prerendered").dataset.next = "asked";
    next.dataset.asked = "yes";
    next.disabled = true;
    next.setAttribute("aria-busy", "true");
    next.textContent = "Loading the next question…";
  }
  document.addEventListener("change", function (e) {
    if (e.target.closest && e.target.closest("#prerendered [data-testid=question]")) answered();
  });
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("#prerendered [data-testid=next]")) goOn();
  });
  document.addEventListener("keydown", function (e) {
    var q = find("[data-testid=question]");
    if (!q || e.ctrlKey || e.metaKey || e.altKey) return;
    if (/^[1-9]$/.test(e.key)) {
      var option = q.querySelectorAll("input[type=radio]")[e.key - 1];
      if (option) { option.checked = true; option.focus(); answered(); e.preventDefault(); }
    } else if (e.key === "Enter" && e.target.tagName !== "BUTTON" && e.target.tagName !== "A") {
      goOn();
      e.preventDefault();
    }
  });
})();
