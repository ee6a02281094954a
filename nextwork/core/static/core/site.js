// Starts the design system's components, also in content swapped in by htmx.
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS) { window.DKFDS.init(); }
});
document.addEventListener("htmx:afterSwap", function (event) {
  if (window.DKFDS) { window.DKFDS.init({ scope: event.detail.target }); }
});
// On a phone, tables become stacked cards: each cell gets its column's name to show beside the value.
function stackTables(scope) {
  (scope || document).querySelectorAll("main table").forEach(function (table) {
    var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    if (names.length < 3) { return; }
    table.classList.add("table-stack");
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        if (names[index] && !cell.hasAttribute("data-label")) { cell.setAttribute("data-label", names[index]); }
      });
    });
  });
}
document.addEventListener("DOMContentLoaded", function () { stackTables(document); });
document.addEventListener("htmx:afterSwap", function (event) { stackTables(event.detail.target); });
// The lists' "Print" button (core/_export_links.html); delegated, so it works in content swapped in by htmx.
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
});
