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

  // ---- queue: the document filter's choices, asked of the server as the reader types ----
  function documentChoices() {
    const input = document.getElementById("filter-document");
    const list = document.getElementById("document-choices");
    if (!input || !list || !input.dataset.source) return;
    let timer = null, asked = "";
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const q = input.value.trim();
        if (q === asked) return;
        asked = q;
        fetch(input.dataset.source + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
          .then((r) => (r.ok ? r.json() : { documents: [] }))
          .then((data) => {
            if (q !== asked) return;
            list.replaceChildren(...data.documents.map((d) => {
              const o = document.createElement("option");
              o.value = d.id;
              o.textContent = d.label + " (" + d.pending + ")";
              return o;
            }));
          })
          .catch(() => {});
      }, 200);
    });
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
    documentChoices();
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
    // the doubtful cell (or row) in view inside the grid, horizontally too, and the grid on screen
    const wrap = document.querySelector(".gridwrap");
    const target = document.getElementById("record-cell") || document.querySelector("#grid td.hl") || document.querySelector("#grid tr.rowhl");
    if (wrap && target) {
      const box = (target.closest("td") || target).getBoundingClientRect();
      const outer = wrap.getBoundingClientRect();
      wrap.scrollTop += box.top - outer.top - (wrap.clientHeight - box.height) / 2;
      wrap.scrollLeft += box.left - outer.left - (wrap.clientWidth - box.width) / 2;
      const split = document.querySelector(".split");
      if (split) split.scrollIntoView({ block: "start" });
    }
    // one amount, one editor: the record's cell (in the table's unit) and the amount in yuan move together
    const SCALE = { "元": 1, "万元": 10000, "千元": 1000, "亿元": 100000000 };
    const amount = document.getElementById("amount_yuan");
    const recordCell = document.getElementById("record-cell");
    function parseNum(text) {
      const t = text.replace(/[\s,，]/g, "").replace("−", "-");
      return /^-?\d+(\.\d+)?$/.test(t) ? parseFloat(t) : null;
    }
    if (amount && recordCell) {
      const scale = SCALE[amount.dataset.unit] || 1;
      const like = recordCell.dataset.orig;
      const places = like.indexOf(".") >= 0 ? like.split(".")[1].length : 0;
      recordCell.addEventListener("input", () => {
        const v = parseNum(recordCell.value);
        if (v === null) return;
        amount.value = (Math.round(v * scale * 100) / 100).toFixed(2);
      });
      amount.addEventListener("input", () => {
        const v = parseNum(amount.value);
        if (v === null) return;
        const fen = Math.round(v * 100);
        let d = places;
        while (d < 8 && Math.abs(Math.round(fen / scale / 100 * 10 ** d) - fen / scale / 100 * 10 ** d) > 1e-6) d++;
        const value = fen / scale / 100;
        recordCell.value = like.indexOf(",") >= 0
          ? value.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d })
          : value.toFixed(d);
        recordCell.classList.toggle("edited", recordCell.value.trim() !== like.trim());
      });
    }
    const rejectBox = document.getElementById("reject-box");
    const rejectReason = document.getElementById("reject-reason");
    if (rejectReason) rejectReason.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && rejectReason.value.trim()) { ev.preventDefault(); ev.stopPropagation(); submit("reject"); }
      else if (ev.key === "Enter") { ev.preventDefault(); }
      else if (ev.key === "Escape") { ev.stopPropagation(); rejectBox.hidden = true; rejectReason.blur(); }
    });
    function askReject() { rejectBox.hidden = false; rejectReason.focus(); }
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
    document.querySelectorAll("button.act").forEach((b) => b.addEventListener("click", () =>
      b.dataset.action === "reject" && !rejectReason.value.trim() ? askReject() : submit(b.dataset.action)));
    return function (ev) {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { submit("confirm"); return true; }
      if (typing(document.activeElement)) return false;
      if (ev.key === "y") { submit("confirm"); return true; }
      if (ev.key === "c") { submit("correct"); return true; }
      if (ev.key === "r") { askReject(); return true; }
      if (ev.key === "u") { const b = document.getElementById("btn-undo"); if (b) document.getElementById("undo-form").submit(); return true; }
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
