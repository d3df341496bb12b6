// Keyboard work for the review pages. Plain JS, no build step, no CDN.
(function () {
  "use strict";
  const page = document.body.dataset.page;
  const help = document.getElementById("help");

  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "SELECT" || el.tagName === "TEXTAREA" || el.isContentEditable);
  }
  function toggleHelp(show) {
    if (!help) return;
    help.hidden = show === undefined ? !help.hidden : !show;
  }

  // ---- queue: j/k select, Enter/o open, n next ----
  function initQueue() {
    const rows = Array.from(document.querySelectorAll("tr.qrow"));
    let sel = rows.length ? 0 : -1;
    function select(i) {
      if (!rows.length) return;
      sel = Math.max(0, Math.min(rows.length - 1, i));
      rows.forEach((r, k) => r.classList.toggle("selected", k === sel));
      rows[sel].scrollIntoView({ block: "nearest" });
    }
    select(0);
    rows.forEach((r, k) => r.addEventListener("click", (ev) => {
      if (ev.target.tagName === "A") return;
      select(k); window.location = r.dataset.href;
    }));
    return function (ev) {
      if (ev.key === "j" || ev.key === "ArrowDown") { select(sel + 1); return true; }
      if (ev.key === "k" || ev.key === "ArrowUp") { select(sel - 1); return true; }
      if ((ev.key === "Enter" || ev.key === "o") && sel >= 0) { window.location = rows[sel].dataset.href; return true; }
      if (ev.key === "n") { const a = document.getElementById("next-link"); if (a) window.location = a.href; return true; }
      return false;
    };
  }

  // ---- item: edit cells, y/c/r decide, A bulk, n skip ----
  function initItem() {
    const form = document.getElementById("decision-form");
    if (!form) return () => false;
    const cells = Array.from(document.querySelectorAll("input.cell"));
    // bring the highlighted source line and the record's row into view inside their panes
    const pane = document.querySelector("section.source");
    const hl = document.querySelector("#source-lines .hl");
    if (pane && hl) pane.scrollTop = Math.max(0, hl.offsetTop - 120);
    const wrap = document.querySelector(".gridwrap");
    const rec = document.querySelector("#grid tr.rowhl");
    if (wrap && rec) wrap.scrollTop = Math.max(0, rec.offsetTop - 80);
    cells.forEach((inp) => {
      inp.addEventListener("input", () => inp.classList.toggle("edited", inp.value.trim() !== inp.dataset.orig.trim()));
      inp.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" && !ev.ctrlKey && !ev.metaKey) { ev.preventDefault(); inp.blur(); }
        else if (ev.key === "Escape") { inp.value = inp.dataset.orig; inp.classList.remove("edited"); inp.blur(); }
        else if (ev.key === "Tab") { /* native */ }
      });
    });
    document.querySelectorAll(".label-field").forEach((el) => el.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && !ev.ctrlKey) { ev.preventDefault(); el.blur(); }
      if (ev.key === "Escape") el.blur();
    }));
    function submit(action) {
      const edits = cells.filter((c) => c.value.trim() !== c.dataset.orig.trim())
        .map((c) => ({ row: parseInt(c.dataset.row, 10), col: parseInt(c.dataset.col, 10), text: c.value.trim() }));
      document.getElementById("cells_json").value = edits.length ? JSON.stringify(edits) : "";
      document.getElementById("action").value = action;
      form.submit();
    }
    document.querySelectorAll("button.act").forEach((b) => b.addEventListener("click", () => submit(b.dataset.action)));
    return function (ev) {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { submit("confirm"); return true; }
      if (typing(document.activeElement)) return false;
      if (ev.key === "y") { submit("confirm"); return true; }
      if (ev.key === "c") { submit("correct"); return true; }
      if (ev.key === "r") { submit("reject"); return true; }
      if (ev.key === "A") { document.getElementById("bulk-form").submit(); return true; }
      if (ev.key === "n") { window.location = document.getElementById("skip-link").href; return true; }
      if (ev.key === "q") { window.location = "/queue"; return true; }
      if (ev.key === "e") {
        const target = document.getElementById("record-cell") || cells[0] || document.querySelector(".label-field");
        if (target) { target.focus(); if (target.select) target.select(); }
        return true;
      }
      return false;
    };
  }

  const handler = page === "queue" ? initQueue() : page === "item" ? initItem() : () => false;
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && help && !help.hidden) { toggleHelp(false); return; }
    if (ev.key === "Escape" && typing(document.activeElement)) { document.activeElement.blur(); return; }
    if (ev.altKey) return;
    if (!(ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) && typing(document.activeElement)) return;
    if (ev.key === "?") { toggleHelp(); ev.preventDefault(); return; }
    if (handler(ev)) ev.preventDefault();
  });
})();
